import { Module } from '@nestjs/common';
import { HousekeepingModule } from '../housekeeping/housekeeping.module';
import { KeyServiceClientModule } from '../rpc/key-service-client.module';
import { AccountUsageMessageController } from './queries/account-usage/account-usage.message.controller';
import { KeyUsageMessageController } from './queries/key-usage/key-usage.message.controller';
import { KeysUsageMessageController } from './queries/keys-usage/keys-usage.message.controller';
import { UsageReader } from './usage-reader';

@Module({
  imports: [HousekeepingModule, KeyServiceClientModule],
  controllers: [
    AccountUsageMessageController,
    KeyUsageMessageController,
    KeysUsageMessageController,
  ],
  providers: [UsageReader],
})
export class DashboardsModule {}
