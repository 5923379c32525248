import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { ListKeysHandler, ListedKey } from './list-keys.handler';

@KeysController()
export class ListKeysController {
  constructor(private readonly listKeys: ListKeysHandler) {}

  @Get()
  @ApiOperation({
    operationId: 'listKeys',
    summary: 'The account’s keys, with last use and calls in 30 days',
  })
  async handle(@Caller() caller: PanelCaller): Promise<{ keys: ListedKey[] }> {
    return { keys: await this.listKeys.execute(caller) };
  }
}
