import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../http/api-docs';
import { IssuedKey, KeyServicePattern, KeyView, parseInput } from '@keygate/contracts';
import { KeyServiceClient } from '../rpc/key-service.client';
import { ListKeysHandler, ListedKey } from './list-keys/list-keys.handler';
import {
  bodyObjectSchema,
  createKeyBodySchema,
  rotateKeyBodySchema,
  updateKeyBodySchema,
} from '../panel.schemas';
import {
  AdminOnly,
  Caller,
  PanelCaller,
  PanelSessionRequired,
  actorOf,
} from '../sessions/panel-session.guard';
import { keyOpenApi } from './key-openapi';

/**
 * The account's API keys. Everyone logged in reads; admins create, change, rotate, revoke and
 * delete. Secrets appear only in the create and rotate answers.
 */
@ApiTags('Panel: API keys')
@ApiBearerAuth('session')
@Controller('panel/api/keys')
@PanelSessionRequired()
export class PanelKeysController {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly listKeys: ListKeysHandler,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The account’s keys, with last use and calls in 30 days' })
  async list(@Caller() caller: PanelCaller): Promise<{ keys: ListedKey[] }> {
    return { keys: await this.listKeys.execute(caller.session.accountId) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One key' })
  async get(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    const key = await this.keyOf(caller, keyId);
    return { key };
  }

  @Post()
  @ApiOperation({ summary: 'Create a user key (admins); the secret is shown this once' })
  @ApiBody({ schema: jsonSchemaOf(createKeyBodySchema) })
  @ApiResponse({ status: 201, description: '{key, secret}' })
  @AdminOnly()
  create(@Caller() caller: PanelCaller, @Body() body: unknown): Promise<IssuedKey> {
    const input = parseInput(createKeyBodySchema, body);
    return this.keyService.call(KeyServicePattern.CreateKey, {
      ...input,
      accountId: caller.session.accountId,
      actor: actorOf(caller),
    });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, rules, allowedHosts, expiresAt (admins)' })
  @ApiBody({ schema: jsonSchemaOf(updateKeyBodySchema) })
  @AdminOnly()
  async update(@Caller() caller: PanelCaller, @Param('id') keyId: string, @Body() body: unknown) {
    const key = await this.keyService.call(KeyServicePattern.UpdateKey, {
      ...parseInput(bodyObjectSchema, body ?? {}),
      ...this.ref(caller, keyId),
    });
    return { key };
  }

  @Post(':id/rotate')
  @ApiOperation({ summary: 'New secret; the old one works for gracePeriodSeconds (admins)' })
  @ApiBody({ schema: jsonSchemaOf(rotateKeyBodySchema), required: false })
  @ApiResponse({ status: 200, description: '{key, secret}' })
  @HttpCode(200)
  @AdminOnly()
  rotate(@Caller() caller: PanelCaller, @Param('id') keyId: string, @Body() body: unknown) {
    return this.keyService.call(KeyServicePattern.RotateKey, {
      ...parseInput(bodyObjectSchema, body ?? {}),
      ...this.ref(caller, keyId),
    });
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke at once, for good (admins; 409 for application keys)' })
  @HttpCode(200)
  @AdminOnly()
  async revoke(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    const key = await this.keyService.call(KeyServicePattern.RevokeKey, this.ref(caller, keyId));
    return { key };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a user key (admins; 409 for application keys)' })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @HttpCode(204)
  @AdminOnly()
  async remove(@Caller() caller: PanelCaller, @Param('id') keyId: string): Promise<void> {
    await this.keyService.call(KeyServicePattern.DeleteKey, this.ref(caller, keyId));
  }

  @Get(':id/openapi.json')
  @ApiOperation({ summary: 'OpenAPI 3.1 of exactly what this key may call' })
  async openApi(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    // PUBLIC_URL, never the request's Host header, which any client can write.
    return keyOpenApi(await this.keyOf(caller, keyId), this.config.publicUrl);
  }

  private keyOf(caller: PanelCaller, keyId: string): Promise<KeyView> {
    return this.keyService.call(KeyServicePattern.GetKey, {
      accountId: caller.session.accountId,
      keyId,
    });
  }

  private ref(caller: PanelCaller, keyId: string) {
    return { accountId: caller.session.accountId, keyId, actor: actorOf(caller) };
  }
}
