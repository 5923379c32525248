import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AccountsModule } from '../accounts/accounts.module';
import { AddUserHandler } from './commands/add-user/add-user.handler';
import { AddUserMessageController } from './commands/add-user/add-user.message.controller';
import { ChangeRoleHandler } from './commands/change-role/change-role.handler';
import { ChangeRoleMessageController } from './commands/change-role/change-role.message.controller';
import { RemoveUserHandler } from './commands/remove-user/remove-user.handler';
import { RemoveUserMessageController } from './commands/remove-user/remove-user.message.controller';
import { RecordPasswordResetHandler } from './commands/record-password-reset/record-password-reset.handler';
import { RecordPasswordResetMessageController } from './commands/record-password-reset/record-password-reset.message.controller';
import { SetPasswordHandler } from './commands/set-password/set-password.handler';
import { SetPasswordMessageController } from './commands/set-password/set-password.message.controller';
import { TwoFactorHandler } from './commands/two-factor/two-factor.handler';
import { TwoFactorMessageController } from './commands/two-factor/two-factor.message.controller';
import { UserAudit } from './user-audit';
import { SignupHandler } from './commands/signup/signup.handler';
import { SignupMessageController } from './commands/signup/signup.message.controller';
import { PanelUsersRepository } from './panel-users.repository';
import { ListUsersMessageController } from './queries/list-users/list-users.message.controller';
import { UserCredentialsMessageController } from './queries/user-credentials/user-credentials.message.controller';

/** Panel users: email, scrypt hash (made by the gateway) and role, one account each. */
@Module({
  imports: [AccountsModule, EventStoreModule, ReadModelsModule, OutboxModule],
  controllers: [
    SignupMessageController,
    AddUserMessageController,
    ChangeRoleMessageController,
    RemoveUserMessageController,
    SetPasswordMessageController,
    RecordPasswordResetMessageController,
    TwoFactorMessageController,
    UserCredentialsMessageController,
    ListUsersMessageController,
  ],
  providers: [
    PanelUsersRepository,
    SignupHandler,
    AddUserHandler,
    ChangeRoleHandler,
    RemoveUserHandler,
    SetPasswordHandler,
    RecordPasswordResetHandler,
    TwoFactorHandler,
    UserAudit,
  ],
})
export class PanelUsersModule {}
