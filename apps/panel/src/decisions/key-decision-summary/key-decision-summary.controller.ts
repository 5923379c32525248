import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { KeysController } from '../../keys/keys-controller';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import {
  KeyDecisionSummaryHandler,
  keyDecisionSummarySpanSchema,
} from './key-decision-summary.handler';

@KeysController()
export class KeyDecisionSummaryController {
  constructor(private readonly summary: KeyDecisionSummaryHandler) {}

  @Get(':id/decisions/summary')
  @ApiOperation({
    operationId: 'summarizeKeyDecisions',
    summary:
      'A key’s calls per resource × action × outcome over [from, to) (the last 24 hours by default): {total, admitted, refused, counts: [{resource, action, outcome, calls}]}',
  })
  handle(@Caller() caller: PanelCaller, @Param('id') keyId: string, @Query() query: unknown) {
    return this.summary.execute(caller, keyId, parseInput(keyDecisionSummarySpanSchema, query));
  }
}
