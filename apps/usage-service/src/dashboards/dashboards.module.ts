import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@keygate/contracts';
import { AccountUsageMessageController } from './queries/account-usage/account-usage.message.controller';
import { KeyUsageMessageController } from './queries/key-usage/key-usage.message.controller';
import { UsageReader } from './usage-reader';

@Module({
  controllers: [AccountUsageMessageController, KeyUsageMessageController],
  providers: [UsageReader, { provide: CLOCK, useValue: systemClock }],
})
export class DashboardsModule {}
