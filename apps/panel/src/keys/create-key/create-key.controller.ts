import { Body, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { IssuedKey, parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { createKeyBodySchema } from '../../panel.schemas';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { CreateKeyHandler } from './create-key.handler';

@KeysController()
export class CreateKeyController {
  constructor(private readonly createKey: CreateKeyHandler) {}

  @Post()
  @ApiOperation({
    operationId: 'createKey',
    summary: 'Create a user key (admins); the secret is shown this once',
  })
  @ApiBody({ schema: jsonSchemaOf(createKeyBodySchema) })
  @ApiResponse({ status: 201, description: '{key, secret}' })
  @AdminOnly()
  handle(@Caller() caller: PanelCaller, @Body() body: unknown): Promise<IssuedKey> {
    return this.createKey.execute(caller, parseInput(createKeyBodySchema, body));
  }
}
