import { DomainError, KeyUsageSummary, UsageSeries, UsageServicePattern } from '@keygate/contracts';
import { SystemHarness, withKey } from '../system.harness';

describe('usage dashboards over RPC', () => {
  const system = new SystemHarness({}, { usageService: true });

  beforeAll(() => system.start(1));
  afterAll(() => system.stop());

  it('matches the calls made, for the account and for each key', async () => {
    const opened = await system.openAccount('Dashboards', 'starter');
    const user = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    for (let i = 0; i < 7; i++)
      await system.call('/api/v1/content/product', {
        headers: withKey(opened.applicationKeys[0].secret),
      });
    for (let i = 0; i < 3; i++)
      await system.call('/api/v1/content/product', { headers: withKey(user.secret) });
    await system.call('/api/v1/content/blogpost', { headers: withKey(user.secret) }); // 403: not counted

    const account = await system.send<UsageSeries>(UsageServicePattern.AccountUsage, {
      accountId: opened.account.id,
    });
    expect(account).toMatchObject({ windowDays: 30, limit: 100000, used: 10, remaining: 99990 });
    expect(account.days).toHaveLength(30);
    expect(account.days[29]).toEqual({ date: new Date().toISOString().slice(0, 10), calls: 10 });
    expect(account.dropOffs[29].calls).toBe(10);

    const perKey = await system.send<UsageSeries>(UsageServicePattern.KeyUsage, {
      accountId: opened.account.id,
      keyId: user.key.id,
    });
    expect(perKey.used).toBe(3);
    expect(Date.parse(perKey.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const appKey = await system.send<UsageSeries>(UsageServicePattern.KeyUsage, {
      accountId: opened.account.id,
      keyId: opened.applicationKeys[0].key.id,
    });
    expect(appKey.used).toBe(7);

    const summaries = await system.send<KeyUsageSummary[]>(UsageServicePattern.KeysUsage, {
      accountId: opened.account.id,
    });
    const byKey = new Map(summaries.map((s) => [s.keyId, s]));
    expect(byKey.size).toBe(5); // two application key pairs (live, test) and the user key
    expect(byKey.get(opened.applicationKeys[0].key.id)?.callsLast30Days).toBe(7);
    expect(byKey.get(user.key.id)?.callsLast30Days).toBe(3);
    expect(byKey.get(opened.applicationKeys[1].key.id)).toMatchObject({
      callsLast30Days: 0,
      lastUsedAt: null,
      unusedFor30Days: false,
    });
  });

  it('answers NOT_FOUND for a key of another account and VALIDATION_FAILED for a bad query', async () => {
    const mine = await system.openAccount('Mine');
    const theirs = await system.openAccount('Theirs');
    const error = await system
      .send(UsageServicePattern.KeyUsage, {
        accountId: mine.account.id,
        keyId: theirs.applicationKeys[0].key.id,
      })
      .catch((e: DomainError) => e);
    expect((error as DomainError).code).toBe('NOT_FOUND');
    const invalid = await system
      .send(UsageServicePattern.AccountUsage, { accountId: 'not valid!' })
      .catch((e: DomainError) => e);
    expect((invalid as DomainError).code).toBe('VALIDATION_FAILED');
  });
});
