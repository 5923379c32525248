import { EventEnvelope } from './event-envelope';
import {
  CreditRefill,
  KeyAccess,
  KeyKind,
  KeyMeta,
  KeyRule,
  KeyType,
  RateLimit,
} from '../dto/key.dto';

export const KeyEventType = {
  KeyCreated: 'KeyCreated',
  KeyUpdated: 'KeyUpdated',
  KeyRotated: 'KeyRotated',
  KeyRevoked: 'KeyRevoked',
  KeyDeleted: 'KeyDeleted',
  KeyExpired: 'KeyExpired',
  KeyCreditsChanged: 'KeyCreditsChanged',
  KeyLeaked: 'KeyLeaked',
  KeyReleased: 'KeyReleased',
} as const;

/** Events carry HMACs of secrets (`secretHash`), never secrets. */
export interface KeyCreatedData {
  keyId: string;
  accountId: string;
  kind: KeyKind;
  access: KeyAccess | null;
  type: KeyType;
  name: string;
  rules: KeyRule[];
  allowedHosts: string[];
  expiresAt: string | null;
  secretHash: string;
  hint: string;
  /** Absent in events written before rate limits existed: none. */
  rateLimits?: RateLimit[];
  /** Absent when none (and in events written before metadata existed). */
  meta?: KeyMeta;
  /** Absent: unlimited. */
  credits?: { remaining: number; refill?: CreditRefill };
  /** Brought in by the operator's import (its secret was made elsewhere). */
  imported?: true;
  /** Absent: live (and in events written before test keys existed). */
  environment?: 'test';
}

export interface KeyUpdatedData {
  keyId: string;
  name?: string;
  rules?: KeyRule[];
  allowedHosts?: string[];
  expiresAt?: string | null;
  rateLimits?: RateLimit[];
  /** The whole new object ({} clears it). */
  meta?: KeyMeta;
}

export interface KeyRotatedData {
  keyId: string;
  secretHash: string;
  hint: string;
  /** The replaced secret's hash while it stays valid, or null when the grace period is 0. */
  previousSecretHash: string | null;
  previousValidUntil: string | null;
}

export interface KeyRevokedData {
  keyId: string;
}

export interface KeyDeletedData {
  keyId: string;
}

export interface KeyExpiredData {
  keyId: string;
  expiresAt: string;
}

/**
 * The operator set what a key may spend (with the refill period it was set in, and a new
 * refill or none), or added to it. `anchor` (the key's creation) is given when an unlimited key
 * gets credits.
 */
export interface KeyCreditsChangedData {
  keyId: string;
  set?: { amount: number; period: number; refill: CreditRefill | null; anchor: string };
  add?: number;
  /** The key spends without limit again. */
  unlimited?: true;
}

/**
 * A secret of the key was found where it should not be (a public repository, a paste): where,
 * who said so, and what was done (`revoke`: the key is revoked with it; `quarantine`: refused
 * until an admin releases it; `notify`: nothing).
 * Never the secret itself.
 */
export interface KeyLeakedData {
  keyId: string;
  source: string;
  url: string | null;
  action: LeakAction;
}

export type LeakAction = 'revoke' | 'quarantine' | 'notify';

/** An admin judged a quarantined key safe: it works again. */
export interface KeyReleasedData {
  keyId: string;
}

export type KeyCreated = EventEnvelope<'KeyCreated', KeyCreatedData>;
export type KeyUpdated = EventEnvelope<'KeyUpdated', KeyUpdatedData>;
export type KeyRotated = EventEnvelope<'KeyRotated', KeyRotatedData>;
export type KeyRevoked = EventEnvelope<'KeyRevoked', KeyRevokedData>;
export type KeyDeleted = EventEnvelope<'KeyDeleted', KeyDeletedData>;
export type KeyExpired = EventEnvelope<'KeyExpired', KeyExpiredData>;
export type KeyCreditsChanged = EventEnvelope<'KeyCreditsChanged', KeyCreditsChangedData>;
export type KeyLeaked = EventEnvelope<'KeyLeaked', KeyLeakedData>;
export type KeyReleased = EventEnvelope<'KeyReleased', KeyReleasedData>;
export type KeyEvent =
  | KeyCreated
  | KeyUpdated
  | KeyRotated
  | KeyRevoked
  | KeyDeleted
  | KeyExpired
  | KeyCreditsChanged
  | KeyLeaked
  | KeyReleased;
