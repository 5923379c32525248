import { Module } from '@nestjs/common';
import { DecisionLogConsumer } from './decision-log.consumer';
import { DecisionLogRepository } from './decision-log.repository';
import { DecisionsMessageController } from './queries/decisions.message.controller';

/** The decision log: refusals read from the gateways' stream into MongoDB, and queried. */
@Module({
  controllers: [DecisionsMessageController],
  providers: [DecisionLogConsumer, DecisionLogRepository],
  exports: [DecisionLogRepository],
})
export class DecisionsModule {}
