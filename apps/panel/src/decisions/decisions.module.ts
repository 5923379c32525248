import { Module } from '@nestjs/common';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { GetDecisionController } from './get-decision/get-decision.controller';
import { GetDecisionHandler } from './get-decision/get-decision.handler';
import { KeyDecisionSummaryController } from './key-decision-summary/key-decision-summary.controller';
import { KeyDecisionSummaryHandler } from './key-decision-summary/key-decision-summary.handler';
import { KeyDecisionsController } from './key-decisions/key-decisions.controller';
import { KeyDecisionsHandler } from './key-decisions/key-decisions.handler';

/** The decision log as the Panel reads it: why a call was refused, a key's decisions and summary. */
@Module({
  imports: [RpcClientsModule, SessionsModule],
  // The summary's route first: `:id/decisions/summary` is not a page of `:id/decisions`.
  controllers: [GetDecisionController, KeyDecisionSummaryController, KeyDecisionsController],
  providers: [GetDecisionHandler, KeyDecisionSummaryHandler, KeyDecisionsHandler],
})
export class DecisionsModule {}
