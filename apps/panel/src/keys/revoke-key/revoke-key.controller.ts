import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { RevokeKeyHandler } from './revoke-key.handler';

@KeysController()
export class RevokeKeyController {
  constructor(private readonly revokeKey: RevokeKeyHandler) {}

  @Post(':id/revoke')
  @ApiOperation({
    operationId: 'revokeKey',
    summary:
      'Revoke for good (admins; 409 for application keys); answers once every live gateway refuses the key, or after 2 s with those pending named (`propagation`)',
  })
  @HttpCode(200)
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return this.revokeKey.execute(caller, keyId);
  }
}
