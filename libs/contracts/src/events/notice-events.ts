import { EventEnvelope } from './event-envelope';

/**
 * Notices: what Keygate noticed about a key without changing it (a reminder of its expiry, a
 * month without calls). They travel the event stream for the webhooks, under `notice-<keyId>`,
 * which no projection folds.
 */
export const NOTICE_STREAM_PREFIX = 'notice-';
export const noticeStreamId = (keyId: string): string => `${NOTICE_STREAM_PREFIX}${keyId}`;

export const NoticeEventType = {
  KeyExpiring: 'KeyExpiring',
  KeyUnused: 'KeyUnused',
} as const;

export interface KeyExpiringData {
  keyId: string;
  accountId: string;
  name: string;
  hint: string;
  expiresAt: string;
  /** The reminder this is (30, 7, 1 by default): sent once per key and expiry. */
  reminderDays: number;
  /** Whole days left when it was sent (at most reminderDays). */
  daysLeft: number;
}

export interface KeyUnusedData {
  keyId: string;
  accountId: string;
  name: string;
  hint: string;
  /** The key's last counted call, or null if it never made one. */
  lastUsedAt: string | null;
  unusedDays: number;
}

export type KeyExpiring = EventEnvelope<'KeyExpiring', KeyExpiringData>;
export type KeyUnused = EventEnvelope<'KeyUnused', KeyUnusedData>;
export type NoticeEvent = KeyExpiring | KeyUnused;
