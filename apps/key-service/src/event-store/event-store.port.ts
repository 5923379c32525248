import { EventEnvelope, EventPage } from '@keygate/contracts';
import { AppendRequest } from '../shared/aggregate-root';

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

export interface UnpublishedEvent {
  storeId: string;
  envelope: EventEnvelope;
}

/** An import's events, stored together and published together. */
export interface ImportBatch {
  batchId: string;
  events: EventEnvelope[];
}

export interface EventStore {
  /** Appends at expectedVersion + 1...; throws ConcurrencyError if the stream moved on. */
  append(request: AppendRequest): Promise<UnpublishedEvent[]>;
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
  unpublished(limit: number): Promise<UnpublishedEvent[]>;
  markPublished(storeIds: string[]): Promise<void>;
  /** The account's audit trail, newest first. */
  accountEvents(accountId: string, limit: number, cursor: string | null): Promise<EventPage>;
}
