import { Body, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { addUserBodySchema } from '../../panel.schemas';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { UsersController } from '../users-controller';
import { AddUserHandler } from './add-user.handler';

@UsersController()
export class AddUserController {
  constructor(private readonly addUser: AddUserHandler) {}

  @Post()
  @ApiOperation({ operationId: 'addUser', summary: 'Add an admin or a member (admins only)' })
  @ApiBody({ schema: jsonSchemaOf(addUserBodySchema) })
  @ApiResponse({ status: 201, description: '{user}' })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Body() body: unknown) {
    return { user: await this.addUser.execute(caller, parseInput(addUserBodySchema, body)) };
  }
}
