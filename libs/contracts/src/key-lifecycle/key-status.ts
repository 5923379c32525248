import { KeyRecord, KeyStatus } from '../dto/key.dto';

/** What a key's status at a moment depends on, however it is held. */
export interface KeyStatusState {
  revoked: boolean;
  /** Reported leaked with the quarantine action, and not released since. */
  quarantined?: boolean;
  /** KeyExpired was applied. */
  expired: boolean;
  expiresAt: string | null;
}

/**
 * A key's status at `now`: revoked beats quarantined beats expired, and a key reads as expired once `expiresAt`
 * has passed, event or not. The one rule the aggregate, the read models and the verifier use.
 */
export function keyStatusAt(key: KeyStatusState, now: Date): KeyStatus {
  if (key.revoked) return 'revoked';
  if (key.quarantined) return 'quarantined';
  if (key.expired || (key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()))
    return 'expired';
  return 'active';
}

/** The same for a record (whose `status` says what the events made it). */
export function recordStatusAt(record: Pick<KeyRecord, 'status' | 'expiresAt'>, now: Date) {
  return keyStatusAt(
    {
      revoked: record.status === 'revoked',
      quarantined: record.status === 'quarantined',
      expired: record.status === 'expired',
      expiresAt: record.expiresAt,
    },
    now,
  );
}

/** Whether a rotated key's previous secret still opens it at `now` (its grace period). */
export function previousSecretValidAt(
  record: Pick<KeyRecord, 'previousSecretHash' | 'previousValidUntil'>,
  now: Date,
): boolean {
  return (
    record.previousSecretHash !== null &&
    record.previousValidUntil !== null &&
    Date.parse(record.previousValidUntil) > now.getTime()
  );
}

/** Every secret hash a key holds (current, and the previous one while it is kept). */
export function secretHashesOf(record: KeyRecord | null | undefined): string[] {
  if (!record) return [];
  return record.previousSecretHash
    ? [record.secretHash, record.previousSecretHash]
    : [record.secretHash];
}
