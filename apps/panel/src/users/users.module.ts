import { Module } from '@nestjs/common';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AddUserController } from './add-user/add-user.controller';
import { AddUserHandler } from './add-user/add-user.handler';
import { ChangeUserRoleController } from './change-user-role/change-user-role.controller';
import { ChangeUserRoleHandler } from './change-user-role/change-user-role.handler';
import { ListUsersController } from './list-users/list-users.controller';
import { ListUsersHandler } from './list-users/list-users.handler';
import { IssuePasswordResetController } from './issue-password-reset/issue-password-reset.controller';
import { IssuePasswordResetHandler } from './issue-password-reset/issue-password-reset.handler';
import { RemoveUserController } from './remove-user/remove-user.controller';
import { RemoveUserHandler } from './remove-user/remove-user.handler';

/** The account's panel users (/panel/api/users): one folder per call. */
@Module({
  imports: [RpcClientsModule, SessionsModule],
  controllers: [
    ListUsersController,
    AddUserController,
    ChangeUserRoleController,
    RemoveUserController,
    IssuePasswordResetController,
  ],
  providers: [
    ListUsersHandler,
    AddUserHandler,
    ChangeUserRoleHandler,
    RemoveUserHandler,
    IssuePasswordResetHandler,
  ],
})
export class UsersModule {}
