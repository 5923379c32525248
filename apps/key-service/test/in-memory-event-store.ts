import type { RedisClient } from '@keygate/connections';
import { EventEnvelope, SYSTEM_ACTOR } from '@keygate/contracts';
import { Account } from '../src/domain/account.aggregate';
import { AppendRequest } from '../src/domain/aggregate-root';
import { EventSourcedRepository } from '../src/event-store/event-sourced.repository';
import { ConcurrencyError, EventStore } from '../src/event-store/event-store.port';
import { OutboxRelay } from '../src/outbox/outbox-relay';

/**
 * The part of the event store a command handler's unit spec needs (append and read a stream),
 * held in memory with the store's version check; behind the real EventSourcedRepository.
 */
export class InMemoryEventStore {
  readonly streams = new Map<string, EventEnvelope[]>();
  /** Every append's event types, in the order they were stored ('stream: Type'). */
  readonly appendedTypes: string[] = [];
  private nextId = 1;

  async append(request: AppendRequest): Promise<EventEnvelope[]> {
    const stream = this.streams.get(request.streamId) ?? [];
    if (stream.length !== request.expectedVersion)
      throw new ConcurrencyError(request.streamId, request.expectedVersion);
    const stored = request.events.map((event, i) => ({
      eventId: `e${this.nextId++}`,
      streamId: request.streamId,
      version: request.expectedVersion + i + 1,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt,
      actor: request.actor,
      data: event.data,
    })) as EventEnvelope[];
    this.streams.set(request.streamId, [...stream, ...stored]);
    this.appendedTypes.push(...stored.map((event) => `${request.streamId}: ${event.type}`));
    return stored;
  }

  async readStream(streamId: string): Promise<EventEnvelope[]> {
    return [...(this.streams.get(streamId) ?? [])];
  }

  /** Every stored event's data, as text: for checking that no secret was stored. */
  storedText(): string {
    return JSON.stringify([...this.streams.values()]);
  }
}

/** A real repository over an in-memory store, and a relay that records when it was flushed. */
export function inMemoryRepository() {
  const store = new InMemoryEventStore();
  const repository = new EventSourcedRepository(store as unknown as EventStore);
  const flushes: number[] = [];
  const relay = {
    flush: async () => {
      flushes.push(store.appendedTypes.length);
    },
  } as unknown as OutboxRelay;
  return { store, repository, relay, flushes };
}

/** A Redis that grants every lease at once: a unit spec runs one command at a time. */
export const uncontendedLockRedis = () =>
  ({ set: async () => 'OK', eval: async () => 1 }) as unknown as RedisClient;

/** Account acc_1 ("Acme") opened on `plan` and stored: where the account specs start. */
export async function storeAccount(
  repository: EventSourcedRepository,
  now: Date,
  plan = 'pro',
): Promise<void> {
  await repository.save(
    Account.open({ accountId: 'acc_1', name: 'Acme', plan, now }),
    'acc_1',
    SYSTEM_ACTOR,
  );
}
