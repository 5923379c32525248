import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { ReleaseKeyHandler } from './release-key.handler';

@KeysController()
export class ReleaseKeyController {
  constructor(private readonly releaseKey: ReleaseKeyHandler) {}

  @Post(':id/release')
  @ApiOperation({
    operationId: 'releaseKey',
    summary: 'Let a key quarantined as leaked work again (admins; 409 unless quarantined)',
  })
  @HttpCode(200)
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return { key: await this.releaseKey.execute(caller, keyId) };
  }
}
