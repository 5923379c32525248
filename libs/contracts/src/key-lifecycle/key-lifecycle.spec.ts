import { KeyRecord } from '../dto/key.dto';
import { EventEnvelope } from '../events/event-envelope';
import { foldKeyEvent } from './key-fold';
import { keyStatusAt, previousSecretValidAt, recordStatusAt, secretHashesOf } from './key-status';

const now = new Date('2026-11-29T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();

const envelope = (version: number, type: string, data: Record<string, unknown> = {}) =>
  ({
    eventId: `evt_${version}`,
    streamId: 'key-key_1',
    version,
    type,
    schemaVersion: 1,
    occurredAt: now.toISOString(),
    actor: { type: 'system' },
    data: { keyId: 'key_1', ...data },
  }) as EventEnvelope;

const created = envelope(1, 'KeyCreated', {
  accountId: 'acc_1',
  kind: 'user',
  access: null,
  type: 'standard',
  name: 'k',
  rules: [{ resource: 'product', actions: ['read'] }],
  allowedHosts: [],
  expiresAt: null,
  secretHash: 'a'.repeat(64),
  hint: '…abcd',
});
const record = (): KeyRecord => (foldKeyEvent(undefined, created) as { record: KeyRecord }).record;

describe('a key’s lifecycle', () => {
  it('reads revoked before expired, and expired once expiresAt passes without an event', () => {
    expect(keyStatusAt({ revoked: true, expired: true, expiresAt: null }, now)).toBe('revoked');
    expect(keyStatusAt({ revoked: false, expired: true, expiresAt: null }, now)).toBe('expired');
    expect(keyStatusAt({ revoked: false, expired: false, expiresAt: later(0) }, now)).toBe(
      'expired',
    );
    expect(keyStatusAt({ revoked: false, expired: false, expiresAt: later(1) }, now)).toBe(
      'active',
    );
    expect(recordStatusAt({ status: 'active', expiresAt: later(-1) }, now)).toBe('expired');
    expect(recordStatusAt({ status: 'revoked', expiresAt: later(-1) }, now)).toBe('revoked');
  });

  it('keeps a rotated key’s previous secret valid only inside its grace period', () => {
    const rotated = { previousSecretHash: 'b'.repeat(64), previousValidUntil: later(1000) };
    expect(previousSecretValidAt(rotated, now)).toBe(true);
    expect(previousSecretValidAt({ ...rotated, previousValidUntil: later(0) }, now)).toBe(false);
    expect(previousSecretValidAt({ previousSecretHash: null, previousValidUntil: null }, now)).toBe(
      false,
    );
    expect(secretHashesOf({ ...record(), ...rotated })).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });

  it('folds each event type, in version order', () => {
    const rotated = foldKeyEvent(
      record(),
      envelope(2, 'KeyRotated', {
        secretHash: 'c'.repeat(64),
        hint: '…cccc',
        previousSecretHash: 'a'.repeat(64),
        previousValidUntil: later(1000),
      }),
    );
    expect(rotated).toMatchObject({
      outcome: 'applied',
      record: { version: 2, secretHash: 'c'.repeat(64), previousSecretHash: 'a'.repeat(64) },
    });
    const revoked = foldKeyEvent(
      (rotated as { record: KeyRecord }).record,
      envelope(3, 'KeyRevoked'),
    );
    expect(revoked).toMatchObject({
      record: { status: 'revoked', previousSecretHash: null, version: 3 },
    });
    expect(foldKeyEvent(record(), envelope(2, 'KeyExpired'))).toMatchObject({
      record: { status: 'expired' },
    });
    expect(foldKeyEvent(record(), envelope(2, 'KeyUpdated', { name: 'n' }))).toMatchObject({
      record: { name: 'n', rules: record().rules },
    });
    expect(foldKeyEvent(record(), envelope(2, 'KeyDeleted'))).toEqual({
      outcome: 'applied',
      record: null,
    });
    expect(foldKeyEvent(record(), envelope(1, 'KeyUpdated'))).toEqual({ outcome: 'stale' });
    expect(foldKeyEvent(record(), envelope(3, 'KeyUpdated'))).toEqual({ outcome: 'gap' });
    expect(foldKeyEvent(undefined, created, 4)).toEqual({ outcome: 'stale' }); // deleted at 4
  });

  it('never bumps a record past an event type it does not know: a gap to repair', () => {
    expect(foldKeyEvent(record(), envelope(2, 'KeyTeleported'))).toEqual({ outcome: 'gap' });
  });
});
