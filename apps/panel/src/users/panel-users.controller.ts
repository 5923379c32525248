import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../http/api-docs';
import { KeyServicePattern, parseInput } from '@keygate/contracts';
import { KeyServiceClient } from '../rpc/key-service.client';
import { addUserBodySchema, changeRoleBodySchema } from '../panel.schemas';
import {
  AdminOnly,
  Caller,
  PanelCaller,
  PanelSessionRequired,
  actorOf,
} from '../sessions/panel-session.guard';
import { PanelSessions } from '../sessions/panel-sessions';
import { PasswordHasher } from '../sessions/password-hasher';

/** The account's panel users: admins add admins and members. */
@ApiTags('Panel: users')
@ApiBearerAuth('session')
@Controller('panel/api/users')
@PanelSessionRequired()
export class PanelUsersController {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly sessions: PanelSessions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The account’s panel users' })
  async list(@Caller() caller: PanelCaller) {
    const users = await this.keyService.call(KeyServicePattern.ListUsers, {
      accountId: caller.session.accountId,
    });
    return { users };
  }

  @Post()
  @ApiOperation({ summary: 'Add an admin or a member (admins only)' })
  @ApiBody({ schema: jsonSchemaOf(addUserBodySchema) })
  @ApiResponse({ status: 201, description: '{user}' })
  @AdminOnly()
  async add(@Caller() caller: PanelCaller, @Body() body: unknown) {
    const input = parseInput(addUserBodySchema, body);
    const user = await this.keyService.call(KeyServicePattern.AddUser, {
      accountId: caller.session.accountId,
      email: input.email,
      passwordHash: await PasswordHasher.hash(input.password),
      role: input.role,
      actor: actorOf(caller),
    });
    return { user };
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Make a user an admin or a member (admins only; 409 for the last admin)',
  })
  @ApiBody({ schema: jsonSchemaOf(changeRoleBodySchema) })
  @ApiResponse({ status: 200, description: '{user}' })
  @AdminOnly()
  async changeRole(
    @Caller() caller: PanelCaller,
    @Param('id') userId: string,
    @Body() body: unknown,
  ) {
    const user = await this.keyService.call(KeyServicePattern.ChangeUserRole, {
      accountId: caller.session.accountId,
      userId,
      role: parseInput(changeRoleBodySchema, body).role,
      actor: actorOf(caller),
    });
    await this.sessions.closeAllOf(user.id);
    return { user };
  }
}
