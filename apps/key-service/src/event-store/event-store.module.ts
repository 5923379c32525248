import { Module } from '@nestjs/common';
import { EventStreamPublisher } from '../outbox/event-stream.publisher';
import { OutboxRelay } from '../outbox/outbox-relay';
import { ProjectionCheckpoint } from '../outbox/projection-checkpoint';
import { ReadModelProjector } from '../read-models/read-model.projector';
import { ReadModels } from '../read-models/read-models.repository';
import { EVENT_STORE } from './event-store.port';
import { EventSourcedRepository } from './event-sourced.repository';
import { MongoEventStore } from './mongo-event-store.repository';

/**
 * The write side (event store, outbox relay) and what it keeps up to date: the read models and
 * the projection checkpoint in Redis.
 */
@Module({
  providers: [
    { provide: EVENT_STORE, useClass: MongoEventStore },
    EventSourcedRepository,
    ReadModels,
    ReadModelProjector,
    ProjectionCheckpoint,
    EventStreamPublisher,
    OutboxRelay,
  ],
  exports: [
    EVENT_STORE,
    EventSourcedRepository,
    ReadModels,
    EventStreamPublisher,
    ProjectionCheckpoint,
    OutboxRelay,
  ],
})
export class EventStoreModule {}
