import { Schema } from 'mongoose';
import { DecisionRecord } from '@keygate/contracts';

export const DECISION_COLLECTION = 'decisions';

/**
 * A refusal as stored: its stream entry id as `_id` (decisionIdOf: sortable), so a record read
 * twice is stored once.
 */
export type DecisionDocument = Omit<DecisionRecord, 'at'> & { _id: string; at: Date };

export const decisionSchema = new Schema<DecisionDocument>(
  {
    _id: String,
    requestId: String,
    at: Date,
    gatewayId: String,
    accountId: String,
    keyId: String,
    method: String,
    path: String,
    resource: String,
    action: String,
    code: String,
    reason: String,
    detail: Schema.Types.Mixed,
  },
  { versionKey: false, collection: DECISION_COLLECTION },
);
decisionSchema.index({ accountId: 1, requestId: 1 });
decisionSchema.index({ accountId: 1, keyId: 1, at: -1 });
decisionSchema.index({ at: 1 });
