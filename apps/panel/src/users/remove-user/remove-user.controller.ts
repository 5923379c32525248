import { Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { UsersController } from '../users-controller';
import { RemoveUserHandler } from './remove-user.handler';

@UsersController()
export class RemoveUserController {
  constructor(private readonly removeUser: RemoveUserHandler) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'removeUser',
    summary:
      'Take a user off the account (admins only): their sessions end at once, their login stops working; 409 for the last admin',
  })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') userId: string) {
    await this.removeUser.execute(caller, userId);
  }
}
