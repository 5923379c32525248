import { Module } from '@nestjs/common';
import { DecisionLogConsumer } from './decision-log.consumer';
import { DecisionLogRepository } from './decision-log.repository';
import { DecisionsMessageController } from './queries/decisions.message.controller';
import { KeyDecisionsQuery } from './queries/key-decisions.query';

/**
 * The decision log: refusals read from the gateways' stream into MongoDB, and queried with the
 * admitted calls the admission step counted per minute.
 */
@Module({
  controllers: [DecisionsMessageController],
  providers: [DecisionLogConsumer, DecisionLogRepository, KeyDecisionsQuery],
  exports: [DecisionLogRepository],
})
export class DecisionsModule {}
