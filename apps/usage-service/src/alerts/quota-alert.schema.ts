import { Schema } from 'mongoose';

/** One QuotaThresholdReached alert; `published` turns true once it is on the event stream. */
export interface QuotaAlertDocument {
  _id: string;
  accountId: string;
  threshold: number;
  used: number;
  limit: number;
  date: string;
  raisedAt: Date;
  published: boolean;
}

export const QUOTA_ALERT_COLLECTION = 'quota_alerts';

export const quotaAlertSchema = new Schema<QuotaAlertDocument>(
  {
    _id: String,
    accountId: String,
    threshold: Number,
    used: Number,
    limit: Number,
    date: String,
    raisedAt: Date,
    published: Boolean,
  },
  { collection: QUOTA_ALERT_COLLECTION, versionKey: false },
);
quotaAlertSchema.index({ accountId: 1, raisedAt: -1 });
