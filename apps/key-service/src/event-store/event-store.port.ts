import { EventEnvelope, EventPage } from '@keygate/contracts';
import { AppendRequest } from '../domain/aggregate-root';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** A stream's expected version was taken by another writer. Internal: retried, then a 409. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`Stream ${streamId} is past version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

export type { EventPage };

/**
 * An append waiting to be published: its outbox entry, written before its events, and removed
 * once they are on the Redis stream. `writer` is the store instance (one per process) that wrote
 * it; an entry whose writer is gone is checked against the stream it names and published or
 * dropped by another relay.
 */
export interface OutboxEntry {
  entryId: string;
  writer: string;
  streamId: string;
  createdAt: string;
  events: EventEnvelope[];
}

/** An import's events, stored together and published together. */
export interface ImportBatch {
  batchId: string;
  events: EventEnvelope[];
}

export interface EventStore {
  /** This instance's name in the outbox entries it writes. */
  readonly writer: string;
  /**
   * Appends at expectedVersion + 1... after writing their outbox entry; throws ConcurrencyError
   * (its entry removed) if the stream moved on. A successful append's entry is handed to the
   * `onAppended` listeners before the stored events are returned.
   */
  append(request: AppendRequest): Promise<EventEnvelope[]>;
  /** Hands the listener (the outbox relay) each outbox entry whose events were all stored. */
  onAppended(listener: (entry: OutboxEntry) => void): void;
  /** Removes published entries from the outbox. */
  published(entryIds: string[]): Promise<void>;
  /** Every outbox entry in the store (a small collection: published entries are removed). */
  outboxEntries(): Promise<OutboxEntry[]>;
  /**
   * Stores the first events of many new streams (an import) as one batch, published with the
   * batch rather than one by one; batches left `writing` by a crash are discarded first.
   */
  appendImportBatch(requests: AppendRequest[]): Promise<ImportBatch>;
  /** Import batches whose events are all stored and not yet published, oldest first. */
  readyImportBatches(): Promise<ImportBatch[]>;
  markImportBatchPublished(batchId: string): Promise<void>;
  readStream(streamId: string): Promise<EventEnvelope[]>;
  /** Every stream whose id starts with `prefix`, each folded in version order. */
  forEachStream(
    prefix: string,
    visit: (streamId: string, events: EventEnvelope[]) => Promise<void>,
  ): Promise<void>;
  /** The account's audit trail, newest first. */
  accountEvents(accountId: string, limit: number, cursor: string | null): Promise<EventPage>;
}
