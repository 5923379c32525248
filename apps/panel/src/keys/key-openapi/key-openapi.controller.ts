import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { KeyOpenApiHandler } from './key-openapi.handler';

@KeysController()
export class KeyOpenApiController {
  constructor(private readonly keyOpenApi: KeyOpenApiHandler) {}

  @Get(':id/openapi.json')
  @ApiOperation({
    operationId: 'getKeyOpenApi',
    summary: 'OpenAPI 3.1 of exactly what this key may call',
  })
  handle(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return this.keyOpenApi.execute(caller, keyId);
  }
}
