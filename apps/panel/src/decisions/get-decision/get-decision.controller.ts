import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { PanelController } from '../../sessions/panel-controller';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { GetDecisionHandler } from './get-decision.handler';

@PanelController('panel/api/decisions', 'Panel: decisions')
export class GetDecisionController {
  constructor(private readonly getDecision: GetDecisionHandler) {}

  @Get(':requestId')
  @ApiOperation({
    operationId: 'getDecision',
    summary:
      'Why a call was refused, by the X-Request-Id of its answer: {decisions: [{code, reason, detail, key, resource, action…}]}',
  })
  handle(@Caller() caller: PanelCaller, @Param('requestId') requestId: string) {
    return this.getDecision.execute(caller, requestId);
  }
}
