import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { KeyAdviceHandler } from './key-advice.handler';

@KeysController()
export class KeyAdviceController {
  constructor(private readonly advice: KeyAdviceHandler) {}

  @Get(':id/advice')
  @ApiOperation({
    operationId: 'getKeyAdvice',
    summary:
      'Least-privilege advice: what the key holds against what it used over the last 30 days ({used, unused, suggestedRules, offered, reason}); offered from 100 calls when it holds unused permissions. Apply it with PATCH /panel/api/keys/:id {rules: suggestedRules}',
  })
  handle(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return this.advice.execute(caller, keyId);
  }
}
