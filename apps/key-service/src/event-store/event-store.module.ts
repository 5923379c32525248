import { CLOCK, systemClock } from '@keygate/contracts';
import { Module } from '@nestjs/common';
import { EventStreamPublisher } from '../outbox/event-stream.publisher';
import { OutboxRelay } from '../outbox/outbox-relay';
import { ReadModelProjector } from '../read-models/read-model.projector';
import { ReadModels } from '../read-models/read-models.repository';
import { EVENT_STORE } from './event-store.port';
import { EventSourcedRepository } from './event-sourced.repository';
import { MongoEventStore } from './mongo-event-store.repository';

/** The write side (event store, outbox relay) and the read models it keeps up to date. */
@Module({
  providers: [
    { provide: EVENT_STORE, useClass: MongoEventStore },
    { provide: CLOCK, useValue: systemClock },
    EventSourcedRepository,
    ReadModels,
    ReadModelProjector,
    EventStreamPublisher,
    OutboxRelay,
  ],
  exports: [
    EVENT_STORE,
    CLOCK,
    EventSourcedRepository,
    ReadModels,
    EventStreamPublisher,
    OutboxRelay,
  ],
})
export class EventStoreModule {}
