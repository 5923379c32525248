import { KeyRecord } from '../dto/key.dto';
import { EventEnvelope } from '../events/event-envelope';
import { KeyEvent } from '../events/key-events';
import { Folded, order } from '../read-model/record-fold';
import { creditsChanged, creditsCreated } from '../credits/credits-fold';

/**
 * A key's record after one event of its stream: the one fold the gateway's projection and the
 * checkpoint share (the aggregate applies the same events to its own state, exhaustively too).
 * An event type this code does not know is a `gap`: the caller takes the record from where it is
 * kept whole (the checkpoint, the read models) rather than bump the version past it.
 */
export function foldKeyEvent(
  current: KeyRecord | undefined,
  envelope: EventEnvelope,
  /** The version a deleted key had, so a replayed KeyCreated cannot bring it back. */
  deletedAtVersion = 0,
): Folded<KeyRecord> {
  const unordered = order(current?.version ?? deletedAtVersion, envelope);
  if (unordered) return unordered;
  const event = envelope as KeyEvent;
  if (event.type === 'KeyCreated') {
    const data = event.data;
    return {
      outcome: 'applied',
      record: {
        id: data.keyId,
        accountId: data.accountId,
        name: data.name,
        kind: data.kind,
        access: data.access,
        type: data.type,
        environment: data.environment ?? 'live',
        rules: data.rules,
        status: 'active',
        expiresAt: data.expiresAt,
        allowedHosts: data.allowedHosts,
        rateLimits: data.rateLimits ?? [],
        meta: data.meta ?? {},
        credits: creditsCreated(data, event.version, event.occurredAt),
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
      const data = event.data;
      if (data.name !== undefined) next.name = data.name;
      if (data.rules !== undefined) next.rules = data.rules;
      if (data.allowedHosts !== undefined) next.allowedHosts = data.allowedHosts;
      if (data.expiresAt !== undefined) next.expiresAt = data.expiresAt;
      if (data.rateLimits !== undefined) next.rateLimits = data.rateLimits;
      if (data.meta !== undefined) next.meta = data.meta;
      return { outcome: 'applied', record: next };
    }
    case 'KeyRotated': {
      const data = event.data;
      next.secretHash = data.secretHash;
      next.previousSecretHash = data.previousSecretHash;
      next.previousValidUntil = data.previousValidUntil;
      return { outcome: 'applied', record: next };
    }
    case 'KeyRevoked':
      next.status = 'revoked';
      next.previousSecretHash = null;
      next.previousValidUntil = null;
      return { outcome: 'applied', record: next };
    case 'KeyCreditsChanged': {
      next.credits = creditsChanged(next.credits, event.data, event.version);
      return { outcome: 'applied', record: next };
    }
    case 'KeyLeaked':
      if (event.data.action === 'revoke' && next.status !== 'revoked') {
        next.status = 'revoked';
        next.previousSecretHash = null;
        next.previousValidUntil = null;
      } else if (event.data.action === 'quarantine' && next.status === 'active')
        next.status = 'quarantined';
      return { outcome: 'applied', record: next };
    case 'KeyReleased':
      if (next.status === 'quarantined') next.status = 'active';
      return { outcome: 'applied', record: next };
    case 'KeyExpired':
      if (next.status === 'active') next.status = 'expired';
      return { outcome: 'applied', record: next };
    default:
      return unknownEvent(event);
  }
}

/** Compiles only while every KeyEvent type has its case above. */
function unknownEvent(_event: never): Folded<KeyRecord> {
  return { outcome: 'gap' };
}
