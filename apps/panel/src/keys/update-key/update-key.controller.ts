import { Body, Param, Patch } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { bodyObjectSchema, updateKeyBodySchema } from '../../panel.schemas';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { UpdateKeyHandler } from './update-key.handler';

@KeysController()
export class UpdateKeyController {
  constructor(private readonly updateKey: UpdateKeyHandler) {}

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateKey',
    summary: 'Change name, rules, allowedHosts, expiresAt (admins)',
  })
  @ApiBody({ schema: jsonSchemaOf(updateKeyBodySchema) })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') keyId: string, @Body() body: unknown) {
    const changes = parseInput(bodyObjectSchema, body ?? {});
    return { key: await this.updateKey.execute(caller, keyId, changes) };
  }
}
