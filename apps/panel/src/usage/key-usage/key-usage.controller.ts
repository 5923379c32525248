import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { UsageController } from '../usage-controller';
import { KeyUsageHandler } from './key-usage.handler';

@UsageController()
export class KeyUsageController {
  constructor(private readonly keyUsage: KeyUsageHandler) {}

  @Get('keys/:id')
  @ApiOperation({ operationId: 'getKeyUsage', summary: 'The same for one key, with lastUsedAt' })
  handle(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return this.keyUsage.execute(caller, keyId);
  }
}
