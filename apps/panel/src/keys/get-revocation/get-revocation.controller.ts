import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { GetRevocationHandler } from './get-revocation.handler';

@KeysController()
export class GetRevocationController {
  constructor(private readonly getRevocation: GetRevocationHandler) {}

  @Get(':id/revocation')
  @ApiOperation({
    operationId: 'getKeyRevocation',
    summary:
      'Whether every live gateway refuses a revoked key, gateway by gateway (409: not revoked)',
  })
  handle(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return this.getRevocation.execute(caller, keyId);
  }
}
