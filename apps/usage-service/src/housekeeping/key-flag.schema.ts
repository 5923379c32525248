import { Schema } from 'mongoose';

/** A key flagged by housekeeping; the flag goes as soon as the key is used (or leaves `active`). */
export interface KeyFlagDocument {
  _id: string;
  accountId: string;
  flag: 'unused-30-days';
  flaggedAt: Date;
}

export const KEY_FLAG_COLLECTION = 'key_flags';

export const keyFlagSchema = new Schema<KeyFlagDocument>(
  { _id: String, accountId: String, flag: String, flaggedAt: Date },
  { collection: KEY_FLAG_COLLECTION, versionKey: false },
);
keyFlagSchema.index({ accountId: 1 });
