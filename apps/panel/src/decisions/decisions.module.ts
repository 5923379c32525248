import { Module } from '@nestjs/common';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { GetDecisionController } from './get-decision/get-decision.controller';
import { GetDecisionHandler } from './get-decision/get-decision.handler';
import { KeyDecisionsController } from './key-decisions/key-decisions.controller';
import { KeyDecisionsHandler } from './key-decisions/key-decisions.handler';

/** The decision log as the Panel reads it: why a call was refused, and a key's refusals. */
@Module({
  imports: [RpcClientsModule, SessionsModule],
  controllers: [GetDecisionController, KeyDecisionsController],
  providers: [GetDecisionHandler, KeyDecisionsHandler],
})
export class DecisionsModule {}
