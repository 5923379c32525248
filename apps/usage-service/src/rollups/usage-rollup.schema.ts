import { Schema } from 'mongoose';

/** Calls of one account (keyId null) or one key on one UTC day, kept beyond the 30-day window. */
export interface UsageRollupDocument {
  _id: string;
  accountId: string;
  keyId: string | null;
  date: string;
  calls: number;
}

export const USAGE_ROLLUP_COLLECTION = 'usage_rollups';

export const usageRollupSchema = new Schema<UsageRollupDocument>(
  {
    _id: String,
    accountId: String,
    keyId: { type: String, default: null },
    date: String,
    calls: Number,
  },
  { collection: USAGE_ROLLUP_COLLECTION, versionKey: false },
);
usageRollupSchema.index({ accountId: 1, date: 1 });

export const rollupId = (accountId: string, keyId: string | null, date: string): string =>
  `${accountId}:${keyId ?? '*'}:${date}`;
