import { Schema } from 'mongoose';

/** One document per event. `published` is the outbox flag the relay clears after XADD. */
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
  published: boolean;
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
    published: { type: Boolean, required: true },
  },
  { collection: STORED_EVENT_COLLECTION, versionKey: false, minimize: false },
);

// Optimistic concurrency: two writers of the same version of a stream cannot both succeed.
storedEventSchema.index({ streamId: 1, version: 1 }, { unique: true });
storedEventSchema.index({ eventId: 1 }, { unique: true });
storedEventSchema.index({ published: 1 });
storedEventSchema.index({ accountId: 1, occurredAt: -1 });
