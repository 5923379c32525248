import { Module } from '@nestjs/common';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AccountUsageController } from './account-usage/account-usage.controller';
import { AccountUsageHandler } from './account-usage/account-usage.handler';
import { KeyUsageController } from './key-usage/key-usage.controller';
import { KeyUsageHandler } from './key-usage/key-usage.handler';

/** The usage charts (/panel/api/usage), read from the usage service. */
@Module({
  imports: [RpcClientsModule, SessionsModule],
  controllers: [AccountUsageController, KeyUsageController],
  providers: [AccountUsageHandler, KeyUsageHandler],
})
export class UsageModule {}
