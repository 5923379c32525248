import { EventEnvelope, SYSTEM_ACTOR } from '@keygate/contracts';
import { KeyFacts, needsKeyFacts, noticeOf, noticesOf } from './webhook-notices';

const event = (type: string, streamId: string, data: unknown): EventEnvelope => ({
  eventId: `evt-${type}`,
  streamId,
  version: 2,
  type,
  schemaVersion: 1,
  occurredAt: '2026-12-06T12:00:00.000Z',
  actor: SYSTEM_ACTOR,
  data,
});
const key: KeyFacts = { keyId: 'k1', accountId: 'a1', name: 'reader', hint: 'kg_…x9Qz' };

describe('the webhook notice of a stream event', () => {
  it('tells of a quota threshold with its numbers and window', () => {
    const notice = noticeOf(
      event('QuotaThresholdReached', 'usage-a1', {
        accountId: 'a1',
        threshold: 80,
        used: 800,
        limit: 1000,
        windowDays: 30,
        date: '2026-12-06',
      }),
      null,
    );
    expect(notice).toEqual({
      eventId: 'evt-QuotaThresholdReached',
      accountId: 'a1',
      type: 'quota.threshold',
      occurredAt: '2026-12-06T12:00:00.000Z',
      subject: 'quota-a1',
      data: {
        accountId: 'a1',
        threshold: 80,
        used: 800,
        limit: 1000,
        window: '30d',
        date: '2026-12-06',
      },
    });
  });

  it('tells of a created key from the event alone, never its secret hash', () => {
    const notice = noticeOf(
      event('KeyCreated', 'key-k1', {
        keyId: 'k1',
        accountId: 'a1',
        kind: 'user',
        access: null,
        type: 'standard',
        name: 'reader',
        rules: [],
        allowedHosts: [],
        expiresAt: null,
        secretHash: 'c2VjcmV0LWhhc2g',
        hint: 'kg_…x9Qz',
      }),
      null,
    );
    expect(notice?.type).toBe('key.created');
    expect(notice?.data).toMatchObject({ keyId: 'k1', name: 'reader', hint: 'kg_…x9Qz' });
    expect(JSON.stringify(notice)).not.toContain('c2VjcmV0LWhhc2g');
  });

  it('says nothing of an imported key, an update or a credits change', () => {
    expect(
      noticeOf(
        event('KeyCreated', 'key-k1', { keyId: 'k1', accountId: 'a1', imported: true }),
        null,
      ),
    ).toBeNull();
    expect(noticeOf(event('KeyUpdated', 'key-k1', { keyId: 'k1' }), key)).toBeNull();
    expect(noticeOf(event('KeyCreditsChanged', 'key-k1', { keyId: 'k1' }), key)).toBeNull();
  });

  it('names the key of a rotation, revocation, deletion or leak from its facts', () => {
    for (const [type, webhook] of [
      ['KeyRotated', 'key.rotated'],
      ['KeyRevoked', 'key.revoked'],
      ['KeyDeleted', 'key.deleted'],
      ['KeyLeaked', 'key.leaked'],
    ]) {
      const stored = event(type, 'key-k1', {
        keyId: 'k1',
        secretHash: 'bmV3LWhhc2g',
        previousSecretHash: 'b2xkLWhhc2g',
        previousValidUntil: null,
        source: 'github',
        url: 'https://github.com/o/r/blob/main/.env',
        action: 'revoke',
      });
      expect(needsKeyFacts(stored)).toBe(true);
      const notice = noticeOf(stored, key);
      expect(notice).toMatchObject({ type: webhook, accountId: 'a1', subject: 'key-k1' });
      expect(notice?.data).toMatchObject({ keyId: 'k1', name: 'reader', hint: 'kg_…x9Qz' });
      expect(JSON.stringify(notice)).not.toMatch(/bmV3LWhhc2g|b2xkLWhhc2g/);
    }
    expect(
      noticeOf(
        event('KeyLeaked', 'key-k1', {
          keyId: 'k1',
          source: 'github',
          url: null,
          action: 'quarantine',
        }),
        key,
      )?.data,
    ).toMatchObject({ source: 'github', action: 'quarantine' });
  });

  it('tells of expiry reminders and unused keys', () => {
    expect(
      noticeOf(
        event('KeyExpiring', 'notice-k1', {
          ...key,
          expiresAt: '2026-12-13T12:00:00.000Z',
          reminderDays: 7,
          daysLeft: 7,
        }),
        null,
      ),
    ).toMatchObject({ type: 'key.expiring', data: { reminderDays: 7, daysLeft: 7 } });
    expect(
      noticeOf(event('KeyUnused', 'notice-k1', { ...key, lastUsedAt: null, unusedDays: 30 }), null),
    ).toMatchObject({ type: 'key.unused', data: { unusedDays: 30, lastUsedAt: null } });
  });

  it('tells of a revocation too when a leak revoked the key, under an id of its own', () => {
    const leaked = (action: string) =>
      event('KeyLeaked', 'key-k1', { keyId: 'k1', source: 'github', url: null, action });
    const notices = noticesOf(leaked('revoke'), key);
    expect(notices.map((n) => [n.type, n.eventId])).toEqual([
      ['key.leaked', 'evt-KeyLeaked'],
      ['key.revoked', 'evt-KeyLeaked-revoked'],
    ]);
    expect(notices[1].data).toMatchObject({ keyId: 'k1', reason: 'leaked' });
    expect(noticesOf(leaked('quarantine'), key).map((n) => n.type)).toEqual(['key.leaked']);
    expect(noticesOf(event('KeyUpdated', 'key-k1', { keyId: 'k1' }), key)).toEqual([]);
  });
});
