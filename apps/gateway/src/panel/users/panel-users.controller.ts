import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../../http/api-docs';
import { KeyServicePattern, PanelUserView, parseInput } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { addUserBodySchema } from '../panel.schemas';
import {
  AdminOnly,
  Caller,
  PanelCaller,
  PanelSessionRequired,
  actorOf,
} from '../sessions/panel-session.guard';
import { PasswordHasher } from '../sessions/password-hasher';

/** The account's panel users: admins add admins and members. */
@ApiTags('Panel: users')
@ApiBearerAuth('session')
@Controller('panel/api/users')
@PanelSessionRequired()
export class PanelUsersController {
  constructor(private readonly keyService: KeyServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The account’s panel users' })
  async list(@Caller() caller: PanelCaller) {
    const users = await this.keyService.send<PanelUserView[]>(KeyServicePattern.ListUsers, {
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
    const user = await this.keyService.send<PanelUserView>(KeyServicePattern.AddUser, {
      accountId: caller.session.accountId,
      email: input.email,
      passwordHash: await PasswordHasher.hash(input.password),
      role: input.role,
      actor: actorOf(caller),
    });
    return { user };
  }
}
