import { Inject, Injectable } from '@nestjs/common';
import { Actor, ConflictError } from '@keygate/contracts';
import { AggregateRoot } from '../shared/aggregate-root';
import { ConcurrencyError, EVENT_STORE, EventStore, UnpublishedEvent } from './event-store.port';

const ATTEMPTS = 5;

/** Loads aggregates by folding their streams and appends what they applied. */
@Injectable()
export class EventSourcedRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<T extends AggregateRoot>(create: () => T, streamId: string): Promise<T> {
    return create().loadFromHistory(await this.store.readStream(streamId));
  }

  /** Appends what the aggregate applied; answers the stored events, for the relay to publish. */
  async save(
    aggregate: AggregateRoot,
    accountId: string,
    actor: Actor,
  ): Promise<UnpublishedEvent[]> {
    const expectedVersion = aggregate.expectedVersion;
    const events = aggregate.takePendingEvents();
    if (events.length === 0) return [];
    return this.store.append({
      streamId: aggregate.streamId,
      expectedVersion,
      accountId,
      actor,
      events,
    });
  }

  /**
   * Runs load-decide-save again when another writer appended to the stream first, so the
   * command is decided against the new state; after a few lost races the caller gets a 409.
   */
  async retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (i >= ATTEMPTS) throw new ConflictError();
      }
    }
  }
}
