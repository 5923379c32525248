import {
  KeyServicePattern,
  KeyUsageSummary,
  NoticeEventType,
  UsageServicePattern,
} from '@keygate/contracts';
import { readEventStream, waitFor } from '@keygate/testing';
import { DAY_MS, QuotaLedger, dayIndexOf, ledgerNamespaceOf } from '@keygate/usage';
import { KeyHousekeeping } from '../../apps/usage-service/src/housekeeping/key-housekeeping';
import { webhookReceiver } from '../webhooks/fixtures/webhook-receiver';
import { SystemHarness } from '../system.harness';

describe('key housekeeping', () => {
  const system = new SystemHarness(
    { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_POLL_MS: '50' },
    { usageService: true },
  );

  beforeAll(() => system.start(0));
  afterAll(() => system.stop());

  const flags = async (accountId: string) =>
    new Map(
      (await system.send<KeyUsageSummary[]>(UsageServicePattern.KeysUsage, { accountId })).map(
        (s) => [s.keyId, s.unusedFor30Days],
      ),
    );

  it('flags active keys unused for 30 days (telling the account’s webhooks once), unflags them once used, and trims old key days', async () => {
    const hooks = await webhookReceiver();
    const opened = await system.openAccount('Housekeeping');
    const { secret } = await system.send<{ secret: string }>(KeyServicePattern.AddWebhook, {
      accountId: opened.account.id,
      url: hooks.url,
      events: ['key.unused'],
    });
    const [readWrite, readOnly, testReadWrite, testReadOnly] = opened.applicationKeys.map(
      (k) => k.key.id,
    );
    const user = await system.createKey(opened.account.id);
    const revoked = await system.createKey(opened.account.id);
    await system.send(KeyServicePattern.RevokeKey, {
      accountId: opened.account.id,
      keyId: revoked.key.id,
    });
    const ledger = system.ledger();
    const now = Date.now();
    await ledger.admit(opened.account.id, readWrite, 1000, now);
    await ledger.admit(opened.account.id, readWrite, 1000, now + 20 * DAY_MS);
    // A test key's use is in the test keys' ledger.
    const testLedger = new QuotaLedger(
      system.redis,
      ledgerNamespaceOf(system.env.KEYGATE_REDIS_NAMESPACE, 'test'),
    );
    await testLedger.admit(opened.account.id, testReadWrite, 1000, now + 20 * DAY_MS);

    const housekeeping = system.usageService!.get(KeyHousekeeping);
    await housekeeping.run(now + 31 * DAY_MS);
    expect(await flags(opened.account.id)).toEqual(
      new Map([
        [readWrite, false],
        [readOnly, true],
        [testReadWrite, false],
        [testReadOnly, true],
        [user.key.id, true],
        [revoked.key.id, false],
      ]),
    );
    await housekeeping.run(now + 31 * DAY_MS); // a second run the same day changes nothing
    expect([...(await flags(opened.account.id)).values()].filter(Boolean)).toHaveLength(3);
    const notices = (await readEventStream(system.redis, system.env.KEYGATE_EVENT_STREAM))
      .map((entry) => entry.event)
      .filter((event) => event.type === NoticeEventType.KeyUnused);
    expect(notices.map((event) => (event.data as { keyId: string }).keyId).sort()).toEqual(
      [readOnly, testReadOnly, user.key.id].sort(),
    );
    await waitFor(() => hooks.received.length === 3, 10_000, 20);
    const told = hooks.verified(secret);
    expect(told.map((message) => message.type)).toEqual(['key.unused', 'key.unused', 'key.unused']);
    expect(told.find((message) => message.data.keyId === user.key.id)?.data).toMatchObject({
      accountId: opened.account.id,
      name: 'Product reader',
      lastUsedAt: null,
      unusedDays: 30,
    });
    await hooks.close();

    await ledger.admit(opened.account.id, user.key.id, 1000, now + 32 * DAY_MS);
    await housekeeping.run(now + 32 * DAY_MS);
    expect((await flags(opened.account.id)).get(user.key.id)).toBe(false);

    // Day counts that left the window and the rollup's reach (5 days) are deleted.
    await housekeeping.run(now + 40 * DAY_MS);
    const keyDays = await system.redis.hkeys(
      ledger.keyspace.keysOf(opened.account.id, readWrite).keyDays,
    );
    expect(keyDays.map(Number)).toEqual([dayIndexOf(now + 20 * DAY_MS)]);
  });
});
