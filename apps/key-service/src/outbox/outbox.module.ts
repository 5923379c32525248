import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { EventStreamPublisher } from './event-stream.publisher';
import { OutboxRelay } from './outbox-relay';
import { ProjectionCheckpoint } from './projection-checkpoint';

/**
 * What happens after an append: the relay projects the events into the read models, then
 * publishes them to the Redis stream with the projection checkpoint (ADR 3 and 7).
 */
@Module({
  imports: [EventStoreModule, ReadModelsModule],
  providers: [ProjectionCheckpoint, EventStreamPublisher, OutboxRelay],
  exports: [ProjectionCheckpoint, EventStreamPublisher, OutboxRelay],
})
export class OutboxModule {}
