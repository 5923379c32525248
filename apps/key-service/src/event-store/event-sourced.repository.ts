import { Inject, Injectable } from '@nestjs/common';
import { Actor, ConflictError, EventEnvelope } from '@keygate/contracts';
import { AnyAggregate } from '../domain/aggregate-root';
import { RecentStreams } from './recent-streams';
import { ConcurrencyError, EVENT_STORE, EventStore } from './event-store.port';

const ATTEMPTS = 5;

/**
 * Loads aggregates by folding their streams (from memory when this process holds the stream's
 * history: RecentStreams) and appends what they applied.
 */
@Injectable()
export class EventSourcedRepository {
  private readonly recent = new RecentStreams();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<T extends AnyAggregate>(create: () => T, streamId: string): Promise<T> {
    const history =
      this.recent.get(streamId) ??
      this.recent.remember(streamId, await this.store.readStream(streamId));
    return create().loadFromHistory(history);
  }

  /**
   * As load, but reads the store again when the history held here stops before `version`:
   * another writer's events, published by this process's relay.
   */
  async loadAtLeast<T extends AnyAggregate>(
    create: () => T,
    streamId: string,
    version: number,
  ): Promise<T> {
    const aggregate = await this.load(create, streamId);
    if (aggregate.version >= version) return aggregate;
    this.recent.forget(streamId);
    return this.load(create, streamId);
  }

  /** Appends what the aggregate applied; answers the stored events (the relay publishes them). */
  async save(aggregate: AnyAggregate, accountId: string, actor: Actor): Promise<EventEnvelope[]> {
    const expectedVersion = aggregate.expectedVersion;
    const events = aggregate.takePendingEvents();
    if (events.length === 0) return [];
    try {
      const stored = await this.store.append({
        streamId: aggregate.streamId,
        expectedVersion,
        accountId,
        actor,
        events,
      });
      this.recent.appended(aggregate.streamId, expectedVersion, stored);
      return stored;
    } catch (error) {
      this.recent.forget(aggregate.streamId); // another writer moved it on: read it again
      throw error;
    }
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
