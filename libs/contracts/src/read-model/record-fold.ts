import { AccountRecord } from '../dto/snapshot.dto';
import { KeyRecord } from '../dto/key.dto';
import { AccountOpenedData, AccountPlanChangedData } from '../events/account-events';
import { EventEnvelope } from '../events/event-envelope';
import { KeyCreatedData, KeyRotatedData, KeyUpdatedData } from '../events/key-events';

/**
 * One event applied to the record of its stream. Streams are applied strictly in version order:
 * an older or repeated version is `stale`, a skipped one (or an event for a record that does not
 * exist) a `gap` the caller repairs. `record` null: the event deleted it.
 */
export type Folded<T> = { outcome: 'applied'; record: T | null } | { outcome: 'stale' | 'gap' };

function order(currentVersion: number, event: EventEnvelope): Folded<never> | null {
  if (event.version <= currentVersion) return { outcome: 'stale' };
  if (event.version > currentVersion + 1) return { outcome: 'gap' };
  return null;
}

/** A key's record after one event of its stream: the one fold the gateway and the checkpoint share. */
export function foldKeyEvent(
  current: KeyRecord | undefined,
  event: EventEnvelope,
  /** The version a deleted key had, so a replayed KeyCreated cannot bring it back. */
  deletedAtVersion = 0,
): Folded<KeyRecord> {
  const unordered = order(current?.version ?? deletedAtVersion, event);
  if (unordered) return unordered;
  if (event.type === 'KeyCreated') {
    const data = event.data as KeyCreatedData;
    return {
      outcome: 'applied',
      record: {
        id: data.keyId,
        accountId: data.accountId,
        name: data.name,
        kind: data.kind,
        access: data.access,
        type: data.type,
        rules: data.rules,
        status: 'active',
        expiresAt: data.expiresAt,
        allowedHosts: data.allowedHosts,
        version: event.version,
        secretHash: data.secretHash,
        previousSecretHash: null,
        previousValidUntil: null,
      },
    };
  }
  if (!current) return { outcome: 'gap' };
  const next: KeyRecord = { ...current, version: event.version };
  switch (event.type) {
    case 'KeyDeleted':
      return { outcome: 'applied', record: null };
    case 'KeyUpdated': {
      const data = event.data as KeyUpdatedData;
      if (data.name !== undefined) next.name = data.name;
      if (data.rules !== undefined) next.rules = data.rules;
      if (data.allowedHosts !== undefined) next.allowedHosts = data.allowedHosts;
      if (data.expiresAt !== undefined) next.expiresAt = data.expiresAt;
      break;
    }
    case 'KeyRotated': {
      const data = event.data as KeyRotatedData;
      next.secretHash = data.secretHash;
      next.previousSecretHash = data.previousSecretHash;
      next.previousValidUntil = data.previousValidUntil;
      break;
    }
    case 'KeyRevoked':
      next.status = 'revoked';
      next.previousSecretHash = null;
      next.previousValidUntil = null;
      break;
    case 'KeyExpired':
      if (next.status === 'active') next.status = 'expired';
      break;
  }
  return { outcome: 'applied', record: next };
}

/** An account's record after one event of its stream (its plan and name; other events bump it). */
export function foldAccountEvent(
  current: AccountRecord | undefined,
  event: EventEnvelope,
  accountId: string,
): Folded<AccountRecord> {
  const unordered = order(current?.version ?? 0, event);
  if (unordered) return unordered;
  if (event.type === 'AccountOpened') {
    const data = event.data as AccountOpenedData;
    return {
      outcome: 'applied',
      record: { id: accountId, name: data.name, plan: data.plan, version: event.version },
    };
  }
  if (!current) return { outcome: 'gap' };
  const plan =
    event.type === 'AccountPlanChanged' ? (event.data as AccountPlanChangedData).to : current.plan;
  return { outcome: 'applied', record: { ...current, plan, version: event.version } };
}
