import { Body, Param, Patch } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { changeRoleBodySchema } from '../../panel.schemas';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { UsersController } from '../users-controller';
import { ChangeUserRoleHandler } from './change-user-role.handler';

@UsersController()
export class ChangeUserRoleController {
  constructor(private readonly changeUserRole: ChangeUserRoleHandler) {}

  @Patch(':id')
  @ApiOperation({
    operationId: 'changeUserRole',
    summary: 'Make a user an admin or a member (admins only; 409 for the last admin)',
  })
  @ApiBody({ schema: jsonSchemaOf(changeRoleBodySchema) })
  @ApiResponse({ status: 200, description: '{user}' })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') userId: string, @Body() body: unknown) {
    const { role } = parseInput(changeRoleBodySchema, body);
    return { user: await this.changeUserRole.execute(caller, userId, role) };
  }
}
