import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { UsersController } from '../users-controller';
import { ListUsersHandler } from './list-users.handler';

@UsersController()
export class ListUsersController {
  constructor(private readonly listUsers: ListUsersHandler) {}

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'The account’s panel users' })
  async handle(@Caller() caller: PanelCaller) {
    return { users: await this.listUsers.execute(caller) };
  }
}
