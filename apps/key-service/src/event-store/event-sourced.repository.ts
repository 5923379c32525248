import { Inject, Injectable } from '@nestjs/common';
import { Actor, ConflictError } from '@keygate/contracts';
import { AggregateRoot } from '../shared/aggregate-root';
import { RecentStreams } from './recent-streams';
import { ConcurrencyError, EVENT_STORE, EventStore, UnpublishedEvent } from './event-store.port';

const ATTEMPTS = 5;

/**
 * Loads aggregates by folding their streams (from memory when this process holds the stream's
 * history: RecentStreams) and appends what they applied.
 */
@Injectable()
export class EventSourcedRepository {
  private readonly recent = new RecentStreams();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<T extends AggregateRoot>(create: () => T, streamId: string): Promise<T> {
    const history =
      this.recent.get(streamId) ??
      this.recent.remember(streamId, await this.store.readStream(streamId));
    return create().loadFromHistory(history);
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
    try {
      const stored = await this.store.append({
        streamId: aggregate.streamId,
        expectedVersion,
        accountId,
        actor,
        events,
      });
      this.recent.appended(
        aggregate.streamId,
        expectedVersion,
        stored.map((event) => event.envelope),
      );
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
