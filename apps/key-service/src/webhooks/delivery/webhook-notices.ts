import {
  EventEnvelope,
  KeyCreatedData,
  KeyEventType,
  KeyExpiringData,
  KeyLeakedData,
  KeyRotatedData,
  KeyUnusedData,
  NoticeEventType,
  QuotaThresholdReachedData,
  UsageEventType,
  WebhookEventType,
} from '@keygate/contracts';

/** What a webhook says of a key: ids, name and hint; never a secret or its hash. */
export interface KeyFacts {
  keyId: string;
  accountId: string;
  name: string;
  hint: string;
}

/** One event as the account's webhooks hear it. */
export interface Notice {
  eventId: string;
  accountId: string;
  type: WebhookEventType;
  occurredAt: string;
  /** What the notice is about (a key, an account's quota): deliveries of one subject keep their order. */
  subject: string;
  data: Record<string, unknown>;
}

/** Stream events whose notice needs the key's name and hint, which the event does not carry. */
const NEEDS_KEY_FACTS = new Set<string>([
  KeyEventType.KeyRotated,
  KeyEventType.KeyRevoked,
  KeyEventType.KeyDeleted,
  KeyEventType.KeyLeaked,
]);

export const needsKeyFacts = (event: EventEnvelope): boolean => NEEDS_KEY_FACTS.has(event.type);

const keyPart = (key: KeyFacts) => ({
  keyId: key.keyId,
  accountId: key.accountId,
  name: key.name,
  hint: key.hint,
});

/**
 * The webhook notice of an event from the stream, or null for an event no webhook tells of
 * (an update, a credits change, an imported key's creation: an import is a migration, not news).
 * `key` is the key's facts as of the event, for the events needsKeyFacts names.
 */
export function noticeOf(event: EventEnvelope, key: KeyFacts | null): Notice | null {
  const notice = (
    type: WebhookEventType,
    accountId: string,
    subject: string,
    data: Record<string, unknown>,
  ): Notice => ({
    eventId: event.eventId,
    accountId,
    type,
    occurredAt: event.occurredAt,
    subject,
    data,
  });
  switch (event.type) {
    case UsageEventType.QuotaThresholdReached: {
      const data = event.data as QuotaThresholdReachedData;
      return notice('quota.threshold', data.accountId, `quota-${data.accountId}`, {
        accountId: data.accountId,
        threshold: data.threshold,
        used: data.used,
        limit: data.limit,
        window: `${data.windowDays}d`,
        date: data.date,
      });
    }
    case KeyEventType.KeyCreated: {
      const data = event.data as KeyCreatedData;
      if (data.imported) return null;
      return notice('key.created', data.accountId, `key-${data.keyId}`, {
        ...keyPart({ ...data }),
        kind: data.kind,
        type: data.type,
        expiresAt: data.expiresAt,
      });
    }
    case NoticeEventType.KeyExpiring: {
      const data = event.data as KeyExpiringData;
      return notice('key.expiring', data.accountId, `key-${data.keyId}`, {
        ...keyPart(data),
        expiresAt: data.expiresAt,
        reminderDays: data.reminderDays,
        daysLeft: data.daysLeft,
      });
    }
    case NoticeEventType.KeyUnused: {
      const data = event.data as KeyUnusedData;
      return notice('key.unused', data.accountId, `key-${data.keyId}`, {
        ...keyPart(data),
        lastUsedAt: data.lastUsedAt,
        unusedDays: data.unusedDays,
      });
    }
  }
  if (!key || !needsKeyFacts(event)) return null;
  const subject = `key-${key.keyId}`;
  switch (event.type) {
    case KeyEventType.KeyRotated: {
      const data = event.data as KeyRotatedData;
      return notice('key.rotated', key.accountId, subject, {
        ...keyPart(key),
        previousValidUntil: data.previousValidUntil,
      });
    }
    case KeyEventType.KeyRevoked:
      return notice('key.revoked', key.accountId, subject, keyPart(key));
    case KeyEventType.KeyDeleted:
      return notice('key.deleted', key.accountId, subject, keyPart(key));
    case KeyEventType.KeyLeaked: {
      const data = event.data as KeyLeakedData;
      return notice('key.leaked', key.accountId, subject, {
        ...keyPart(key),
        source: data.source,
        url: data.url,
        action: data.action,
      });
    }
  }
  return null;
}

/**
 * Every notice of an event: its own, and `key.revoked` after a leak that revoked the key (one
 * event did both; an endpoint that only hears of revocations must hear of this one too).
 */
export function noticesOf(event: EventEnvelope, key: KeyFacts | null): Notice[] {
  const notice = noticeOf(event, key);
  if (!notice) return [];
  if (notice.type === 'key.leaked' && notice.data.action === 'revoke' && key)
    return [
      notice,
      {
        ...notice,
        eventId: `${event.eventId}-revoked`,
        type: 'key.revoked',
        data: { ...keyPart(key), reason: 'leaked' },
      },
    ];
  return [notice];
}
