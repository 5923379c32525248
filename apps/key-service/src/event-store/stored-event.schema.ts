import { Schema } from 'mongoose';

/** One document per event; what is still to be published is in the outbox (OutboxEntryDocument). */
export interface StoredEventDocument {
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  actor: { type: string; id?: string; ip?: string };
  data: unknown;
  accountId: string;
  /** The import batch an event came in with: it is published with its batch, not one by one. */
  batch?: string;
}

export const STORED_EVENT_COLLECTION = 'events';

export const storedEventSchema = new Schema<StoredEventDocument>(
  {
    eventId: { type: String, required: true },
    streamId: { type: String, required: true },
    version: { type: Number, required: true },
    type: { type: String, required: true },
    schemaVersion: { type: Number, required: true },
    occurredAt: { type: String, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    accountId: { type: String, required: true },
    batch: { type: String, required: false },
  },
  { collection: STORED_EVENT_COLLECTION, versionKey: false, minimize: false },
);

// Optimistic concurrency: two writers of the same version of a stream cannot both succeed.
storedEventSchema.index({ streamId: 1, version: 1 }, { unique: true });
storedEventSchema.index({ eventId: 1 }, { unique: true });
storedEventSchema.index({ accountId: 1, occurredAt: -1 });
storedEventSchema.index({ batch: 1 }, { sparse: true });

/**
 * An import's events are published as one batch: on FerretDB an update costs milliseconds, so
 * marking 5,000 events one by one would take longer than everything else. `writing` until all
 * its events are stored, `ready` to publish, `published` after.
 */
export interface ImportBatchDocument {
  _id: string;
  accountId: string;
  events: number;
  state: 'writing' | 'ready' | 'published';
  createdAt: string;
}

export const IMPORT_BATCH_COLLECTION = 'import_batches';

export const importBatchSchema = new Schema<ImportBatchDocument>(
  {
    _id: String,
    accountId: String,
    events: Number,
    state: String,
    createdAt: String,
  },
  { collection: IMPORT_BATCH_COLLECTION, versionKey: false },
);
importBatchSchema.index({ state: 1 });

/**
 * An append's outbox entry: written before its events and removed once they are published, so
 * the collection holds only what is on its way (a relay never searches the events for it).
 */
export interface OutboxEntryDocument {
  _id: string;
  writer: string;
  streamId: string;
  createdAt: string;
  events: StoredEventDocument[];
}

export const OUTBOX_COLLECTION = 'outbox';

export const outboxEntrySchema = new Schema<OutboxEntryDocument>(
  {
    _id: String,
    writer: String,
    streamId: String,
    createdAt: String,
    events: [Schema.Types.Mixed],
  },
  { collection: OUTBOX_COLLECTION, versionKey: false },
);
