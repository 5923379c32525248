import { Module } from '@nestjs/common';
import { EVENT_STORE } from './event-store.port';
import { EventSourcedRepository } from './event-sourced.repository';
import { MongoEventStore } from './mongo-event-store.repository';

/** The append-only event store (MongoDB) and the repository that loads and saves aggregates. */
@Module({
  providers: [{ provide: EVENT_STORE, useClass: MongoEventStore }, EventSourcedRepository],
  exports: [EVENT_STORE, EventSourcedRepository],
})
export class EventStoreModule {}
