import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { GetKeyHandler } from './get-key.handler';

@KeysController()
export class GetKeyController {
  constructor(private readonly getKey: GetKeyHandler) {}

  @Get(':id')
  @ApiOperation({ operationId: 'getKey', summary: 'One key' })
  async handle(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return { key: await this.getKey.execute(caller, keyId) };
  }
}
