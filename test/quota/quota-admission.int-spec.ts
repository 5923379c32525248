import { CLOCK } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { DAY_MS, dayIndexOf, startOfDay } from '@keygate/usage';
import { SystemHarness, withKey } from '../system.harness';

const PLANS = {
  starter: { apiAccess: true, callLimit: 100000, maxUserKeys: 5 },
  tiny: { apiAccess: true, callLimit: 300, maxUserKeys: 5 },
  three: { apiAccess: true, callLimit: 3, maxUserKeys: 5 },
};

describe('quota admission at the gateway', () => {
  const system = new SystemHarness({ KEYGATE_PLANS: JSON.stringify(PLANS) });

  beforeAll(() => system.start(2));
  afterAll(() => system.stop());

  it('admits exactly L of L + 500 concurrent calls across two gateways, and the ledger says L', async () => {
    const opened = await system.openAccount('Stampede', 'tiny');
    const { key: userKey, secret: userSecret } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    const secrets = [opened.applicationKeys[0].secret, userSecret];
    const answers = await Promise.all(
      Array.from({ length: 800 }, (_, i) =>
        system.call(
          '/api/v1/content/product',
          { headers: withKey(secrets[i % 2]) },
          system.gateways[i % 2],
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(300);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(500);
    expect(refused[0].body.error.code).toBe('QUOTA_EXCEEDED');
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused[0].headers.get('ratelimit-remaining')).toBe('0');

    const ledger = system.ledger();
    const today = dayIndexOf(Date.now());
    const accountCounts = await ledger.windowCounts(opened.account.id, today);
    expect([...accountCounts.values()].reduce((a, b) => a + b, 0)).toBe(300);
    const perKey = await Promise.all(
      [opened.applicationKeys[0].key.id, userKey.id].map(async (id) =>
        [...(await ledger.windowCounts(opened.account.id, today, id)).values()].reduce(
          (a, b) => a + b,
          0,
        ),
      ),
    );
    expect(perKey[0] + perKey[1]).toBe(300);
    expect(Object.keys(await ledger.lastUsed(opened.account.id)).sort()).toEqual(
      [opened.applicationKeys[0].key.id, userKey.id].sort(),
    );
  });

  it('puts RateLimit headers on every metered answer and shows usage in auth-context', async () => {
    const opened = await system.openAccount('Headers', 'three');
    await system.gatewaysCaughtUp();
    const secret = opened.applicationKeys[0].secret;
    const first = await system.call('/api/v1/content/product', { headers: withKey(secret) });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(29 * 86400);
    const context = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(context.body.usage).toEqual({ windowDays: 30, used: 1, limit: 3, remaining: 2 });
  });

  it('answers a burst of auth-context calls with the account’s usage after each admitted call', async () => {
    const opened = await system.openAccount('Burst', 'three');
    await system.gatewaysCaughtUp();
    const [readWrite, readOnly] = opened.applicationKeys.map((k) => k.secret);
    const context = () => system.call('/api/auth-context', { headers: withKey(readOnly) });
    for (let used = 1; used <= 3; used++) {
      expect(
        (await system.call('/api/v1/content/product', { headers: withKey(readWrite) })).status,
      ).toBe(200);
      // Calls of one account in flight together share one usage read, each sees this call.
      const answers = await Promise.all(Array.from({ length: 20 }, context));
      expect(answers.map((a) => a.body.usage.used)).toEqual(Array(20).fill(used));
    }
  });

  it('neither meters nor limits when QUOTA_ENABLED is false', async () => {
    const opened = await system.openAccount('Unmetered', 'three');
    const gateway = await system.startGateway({ QUOTA_ENABLED: 'false' });
    for (let i = 0; i < 5; i++) {
      const answer = await system.call(
        '/api/v1/content/product',
        { headers: withKey(opened.applicationKeys[0].secret) },
        gateway,
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-limit')).toBeNull();
    }
    await system.stopGateway(gateway);
  });

  it('releases day 1’s calls on day 31, and Retry-After named that moment', async () => {
    const clock = new ManualClock(
      new Date(startOfDay(dayIndexOf(Date.now()) + 100) + 10 * 3600 * 1000),
    );
    const gateway = await system.startGateway({}, [{ provide: CLOCK, useValue: clock }]);
    const opened = await system.openAccount('Window', 'three');
    await system.gatewaysCaughtUp();
    const secret = opened.applicationKeys[0].secret;
    const call = () =>
      system.call('/api/v1/content/product', { headers: withKey(secret) }, gateway);
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);

    clock.advance(29 * DAY_MS); // day 30: the three calls still count
    const refused = await call();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(14 * 3600); // from 10:00 to the next midnight, when day 1 leaves

    clock.advance(retryAfter * 1000 - 1000);
    expect((await call()).status).toBe(429);
    clock.advance(1000); // day 31 begins
    const admitted = await call();
    expect(admitted.status).toBe(200);
    expect(admitted.headers.get('ratelimit-remaining')).toBe('2');
    await system.stopGateway(gateway);
  });
});
