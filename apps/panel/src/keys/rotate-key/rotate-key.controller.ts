import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { IssuedKey, parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { bodyObjectSchema, rotateKeyBodySchema } from '../../panel.schemas';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { RotateKeyHandler } from './rotate-key.handler';

@KeysController()
export class RotateKeyController {
  constructor(private readonly rotateKey: RotateKeyHandler) {}

  @Post(':id/rotate')
  @ApiOperation({
    operationId: 'rotateKey',
    summary: 'New secret; the old one works for gracePeriodSeconds (admins)',
  })
  @ApiBody({ schema: jsonSchemaOf(rotateKeyBodySchema), required: false })
  @ApiResponse({ status: 200, description: '{key, secret}' })
  @HttpCode(200)
  @AdminOnly()
  handle(
    @Caller() caller: PanelCaller,
    @Param('id') keyId: string,
    @Body() body: unknown,
  ): Promise<IssuedKey> {
    return this.rotateKey.execute(caller, keyId, parseInput(bodyObjectSchema, body ?? {}));
  }
}
