import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@keygate/contracts';
import { HousekeepingModule } from '../housekeeping/housekeeping.module';
import { KeyServiceClient } from '../rpc/key-service.client';
import { AccountUsageMessageController } from './queries/account-usage/account-usage.message.controller';
import { KeyUsageMessageController } from './queries/key-usage/key-usage.message.controller';
import { KeysUsageMessageController } from './queries/keys-usage/keys-usage.message.controller';
import { UsageReader } from './usage-reader';

@Module({
  imports: [HousekeepingModule],
  controllers: [
    AccountUsageMessageController,
    KeyUsageMessageController,
    KeysUsageMessageController,
  ],
  providers: [UsageReader, KeyServiceClient, { provide: CLOCK, useValue: systemClock }],
})
export class DashboardsModule {}
