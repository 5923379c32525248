import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { KeysModule } from '../keys/keys.module';
import { ChangePlanHandler } from './commands/change-plan/change-plan.handler';
import { ChangePlanMessageController } from './commands/change-plan/change-plan.message.controller';
import { OpenAccountHandler } from './commands/open-account/open-account.handler';
import { RequireTwoFactorHandler } from './commands/require-two-factor/require-two-factor.handler';
import { RequireTwoFactorMessageController } from './commands/require-two-factor/require-two-factor.message.controller';
import { OpenAccountMessageController } from './commands/open-account/open-account.message.controller';
import { AccountEventsMessageController } from './queries/account-events/account-events.message.controller';
import { GetAccountMessageController } from './queries/get-account/get-account.message.controller';

@Module({
  imports: [EventStoreModule, ReadModelsModule, OutboxModule, KeysModule],
  controllers: [
    OpenAccountMessageController,
    ChangePlanMessageController,
    RequireTwoFactorMessageController,
    GetAccountMessageController,
    AccountEventsMessageController,
  ],
  providers: [OpenAccountHandler, ChangePlanHandler, RequireTwoFactorHandler],
  exports: [OpenAccountHandler],
})
export class AccountsModule {}
