import { EventEnvelope, ErrorCode, DomainError } from '@keygate/contracts';
import { keyCreated } from '../../test/key-created.event';
import { ApiKey } from './api-key.aggregate';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

const given = (...events: EventEnvelope[]) => new ApiKey().loadFromHistory(events);
const later = (version: number, type: string, data: object): EventEnvelope => ({
  ...keyCreated(),
  eventId: `e${version}`,
  version,
  type,
  data: { keyId: 'key_1', ...data },
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe(ApiKey.name, () => {
  describe('createUserKey', () => {
    const input = {
      keyId: 'key_1',
      accountId: 'acc_1',
      name: 'k',
      type: 'standard' as const,
      rules: [],
      allowedHosts: [],
      rateLimits: [],
      meta: {},
      credits: null,
      secretHash: 'h',
      hint: 'x',
    };

    it('applies KeyCreated with the hash and no secret', () => {
      const key = ApiKey.createUserKey({ ...input, expiresAt: null }, NOW);
      expect(key.expectedVersion).toBe(0);
      const [event] = key.takePendingEvents();
      expect(event.type).toBe('KeyCreated');
      expect(event.data).toMatchObject({ kind: 'user', secretHash: 'h' });
      expect(key.version).toBe(1);
    });

    it('accepts an expiry exactly 365 days ahead and refuses one a second later', () => {
      expect(() =>
        ApiKey.createUserKey({ ...input, expiresAt: at(365 * DAY).toISOString() }, NOW),
      ).not.toThrow();
      expect(
        codeOf(() =>
          ApiKey.createUserKey({ ...input, expiresAt: at(365 * DAY + 1000).toISOString() }, NOW),
        ),
      ).toBe(ErrorCode.VALIDATION_FAILED);
    });

    it('refuses an expiry in the past or now', () => {
      expect(
        codeOf(() => ApiKey.createUserKey({ ...input, expiresAt: NOW.toISOString() }, NOW)),
      ).toBe(ErrorCode.VALIDATION_FAILED);
    });
  });

  describe('application keys', () => {
    const app = () =>
      ApiKey.createApplicationKey({
        keyId: 'key_a',
        accountId: 'acc_1',
        access: 'read-only',
        secretHash: 'h',
        hint: 'x',
        now: NOW,
      });

    it('are read-only on everything when created read-only', () => {
      expect(app().rules).toEqual([{ resource: '*', actions: ['read'] }]);
    });

    it('can be rotated but never revoked, deleted or edited', () => {
      const key = app();
      expect(codeOf(() => key.revoke(NOW))).toBe(ErrorCode.NOT_ALLOWED);
      expect(codeOf(() => key.delete(NOW))).toBe(ErrorCode.NOT_ALLOWED);
      expect(codeOf(() => key.update({ name: 'x' }, NOW))).toBe(ErrorCode.NOT_ALLOWED);
      key.rotate({ secretHash: 'h2', hint: 'y' }, 0, NOW);
      expect(key.secretHash).toBe('h2');
    });
  });

  describe('rotate', () => {
    it('keeps the old hash valid for the grace period', () => {
      const key = given(keyCreated());
      key.rotate({ secretHash: 'h2', hint: 'y' }, 3600, NOW);
      expect(key.takePendingEvents()[0].data).toEqual({
        keyId: 'key_1',
        secretHash: 'h2',
        hint: 'y',
        previousSecretHash: 'h1',
        previousValidUntil: at(3600 * 1000).toISOString(),
      });
    });

    it('drops the old hash at once without a grace period', () => {
      const key = given(keyCreated());
      key.rotate({ secretHash: 'h2', hint: 'y' }, 0, NOW);
      expect(key.previousSecretHash).toBeNull();
    });

    it('refuses a grace period over 7 days', () => {
      expect(
        codeOf(() =>
          given(keyCreated()).rotate({ secretHash: 'h2', hint: 'y' }, 7 * 86400 + 1, NOW),
        ),
      ).toBe(ErrorCode.VALIDATION_FAILED);
    });

    it('refuses to rotate a revoked key', () => {
      const key = given(keyCreated(), later(2, 'KeyRevoked', {}));
      expect(codeOf(() => key.rotate({ secretHash: 'h2', hint: 'y' }, 0, NOW))).toBe(
        ErrorCode.NOT_ALLOWED,
      );
    });
  });

  describe('revoke', () => {
    it('is irreversible and idempotent', () => {
      const key = given(keyCreated(), later(2, 'KeyRevoked', {}));
      expect(key.status(NOW)).toBe('revoked');
      expect(key.revoke(NOW)).toBe(false);
      expect(key.takePendingEvents()).toHaveLength(0);
      expect(codeOf(() => key.update({ name: 'again' }, NOW))).toBe(ErrorCode.NOT_ALLOWED);
    });

    it('ends a running grace period', () => {
      const key = given(
        keyCreated(),
        later(2, 'KeyRotated', {
          secretHash: 'h2',
          hint: 'y',
          previousSecretHash: 'h1',
          previousValidUntil: at(DAY).toISOString(),
        }),
      );
      key.revoke(NOW);
      expect(key.previousSecretHash).toBeNull();
    });
  });

  describe('delete', () => {
    it('makes the key not found afterwards', () => {
      const key = given(keyCreated(), later(2, 'KeyDeleted', {}));
      expect(codeOf(() => key.rotate({ secretHash: 'h2', hint: 'y' }, 0, NOW))).toBe(
        ErrorCode.NOT_FOUND,
      );
      expect(key.belongsTo('acc_1')).toBe(false);
    });
  });

  describe('expire', () => {
    const expiring = () => given(keyCreated({ expiresAt: at(DAY).toISOString() }));

    it('does nothing before expiresAt', () => {
      expect(expiring().expire(NOW)).toBe(false);
    });

    it('applies KeyExpired once expiresAt has passed, then nothing more', () => {
      const key = expiring();
      expect(key.status(at(DAY))).toBe('expired');
      expect(key.expire(at(DAY))).toBe(true);
      expect(key.expire(at(DAY + 1))).toBe(false);
      expect(key.takePendingEvents().map((e) => e.type)).toEqual(['KeyExpired']);
    });
  });

  describe('update', () => {
    it('records only what changed', () => {
      const key = given(keyCreated());
      key.update({ name: 'Product reader', rules: [{ resource: 'blog', actions: ['read'] }] }, NOW);
      expect(key.takePendingEvents()[0].data).toEqual({
        keyId: 'key_1',
        rules: [{ resource: 'blog', actions: ['read'] }],
      });
    });

    it('applies nothing when nothing changed', () => {
      const key = given(keyCreated());
      expect(key.update({ name: 'Product reader' }, NOW)).toBe(false);
    });

    it('checks a new expiry against the 365-day bound', () => {
      expect(
        codeOf(() => given(keyCreated()).update({ expiresAt: at(400 * DAY).toISOString() }, NOW)),
      ).toBe(ErrorCode.VALIDATION_FAILED);
    });
  });

  it('folds the same state from history as the live aggregate reached', () => {
    const live = ApiKey.createUserKey(
      {
        keyId: 'key_1',
        accountId: 'acc_1',
        name: 'n',
        type: 'administration',
        rules: [],
        allowedHosts: ['10.0.0.0/8'],
        rateLimits: [],
        meta: {},
        credits: null,
        expiresAt: null,
        secretHash: 'h',
        hint: 'x',
      },
      NOW,
    );
    live.rotate({ secretHash: 'h2', hint: 'y' }, 60, NOW);
    const history = live.takePendingEvents().map((e, i) => ({
      ...e,
      eventId: `e${i}`,
      streamId: live.streamId,
      version: i + 1,
      actor: { type: 'system' as const },
    }));
    expect(new ApiKey().loadFromHistory(history).toRecord(NOW)).toEqual(live.toRecord(NOW));
  });
});
