import { Schema } from 'mongoose';
import {
  KeyAccess,
  KeyCredits,
  KeyLeakReport,
  KeyEnvironment,
  KeyKind,
  KeyMeta,
  KeyRule,
  KeyType,
  RateLimit,
} from '@keygate/contracts';

/**
 * Read models are projections of the event store: they can be dropped and rebuilt from it at
 * any time (npm run rebuild-read-models). `version` is the stream version folded in.
 */
export interface KeyViewDocument {
  _id: string;
  accountId: string;
  name: string;
  kind: KeyKind;
  access: KeyAccess | null;
  type: KeyType;
  /** Absent on views written before test keys existed: live. */
  environment?: KeyEnvironment;
  rules: KeyRule[];
  hint: string;
  allowedHosts: string[];
  /** Absent on views written before rate limits existed. */
  rateLimits?: RateLimit[];
  meta?: KeyMeta;
  credits?: KeyCredits | null;
  leak?: KeyLeakReport | null;
  expiresAt: string | null;
  secretHash: string;
  previousSecretHash: string | null;
  previousValidUntil: string | null;
  revoked: boolean;
  /** Absent on views written before quarantine existed. */
  quarantined?: boolean;
  expired: boolean;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AccountViewDocument {
  _id: string;
  name: string;
  plan: string;
  createdAt: string;
  version: number;
  twoFactorRequired?: boolean;
}

export const KEY_VIEW_COLLECTION = 'key_views';
export const ACCOUNT_VIEW_COLLECTION = 'account_views';

export const keyViewSchema = new Schema<KeyViewDocument>(
  {
    _id: String,
    accountId: String,
    name: String,
    kind: String,
    access: { type: String, default: null },
    type: String,
    environment: { type: String, default: 'live' },
    rules: Schema.Types.Mixed,
    hint: String,
    allowedHosts: [String],
    rateLimits: { type: Schema.Types.Mixed, default: [] },
    meta: { type: Schema.Types.Mixed, default: {} },
    credits: { type: Schema.Types.Mixed, default: null },
    leak: { type: Schema.Types.Mixed, default: null },
    expiresAt: { type: String, default: null },
    secretHash: String,
    previousSecretHash: { type: String, default: null },
    previousValidUntil: { type: String, default: null },
    revoked: Boolean,
    quarantined: { type: Boolean, default: false },
    expired: Boolean,
    deleted: Boolean,
    createdAt: String,
    updatedAt: String,
    version: Number,
  },
  { collection: KEY_VIEW_COLLECTION, versionKey: false, minimize: false },
);
keyViewSchema.index({ accountId: 1, createdAt: 1 });
keyViewSchema.index({ expiresAt: 1 });

export const accountViewSchema = new Schema<AccountViewDocument>(
  {
    _id: String,
    name: String,
    plan: String,
    createdAt: String,
    version: Number,
    twoFactorRequired: { type: Boolean, default: false },
  },
  { collection: ACCOUNT_VIEW_COLLECTION, versionKey: false },
);
