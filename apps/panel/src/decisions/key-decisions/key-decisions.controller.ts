import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { KeysController } from '../../keys/keys-controller';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeyDecisionsHandler, keyDecisionsPageSchema } from './key-decisions.handler';

@KeysController()
export class KeyDecisionsController {
  constructor(private readonly keyDecisions: KeyDecisionsHandler) {}

  @Get(':id/decisions')
  @ApiOperation({
    operationId: 'listKeyDecisions',
    summary:
      'A key’s decisions, newest first: each refused call, and its admitted calls per minute × resource × action (?outcome=admitted|refused&code=&from=&to=&cursor=&limit=): {decisions, nextCursor}',
  })
  handle(@Caller() caller: PanelCaller, @Param('id') keyId: string, @Query() query: unknown) {
    return this.keyDecisions.execute(caller, keyId, parseInput(keyDecisionsPageSchema, query));
  }
}
