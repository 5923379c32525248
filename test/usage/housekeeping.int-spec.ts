import { KeyServicePattern, KeyUsageSummary, UsageServicePattern } from '@keygate/contracts';
import { DAY_MS, dayIndexOf } from '@keygate/usage';
import { KeyHousekeeping } from '../../apps/usage-service/src/housekeeping/key-housekeeping';
import { SystemHarness } from '../system.harness';

describe('key housekeeping', () => {
  const system = new SystemHarness({}, { usageService: true });

  beforeAll(() => system.start(0));
  afterAll(() => system.stop());

  const flags = async (accountId: string) =>
    new Map(
      (await system.send<KeyUsageSummary[]>(UsageServicePattern.KeysUsage, { accountId })).map(
        (s) => [s.keyId, s.unusedFor30Days],
      ),
    );

  it('flags active keys unused for 30 days, unflags them once used, and trims old key days', async () => {
    const opened = await system.openAccount('Housekeeping');
    const [readWrite, readOnly] = opened.applicationKeys.map((k) => k.key.id);
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

    const housekeeping = system.usageService!.get(KeyHousekeeping);
    await housekeeping.run(now + 31 * DAY_MS);
    expect(await flags(opened.account.id)).toEqual(
      new Map([
        [readWrite, false],
        [readOnly, true],
        [user.key.id, true],
        [revoked.key.id, false],
      ]),
    );
    await housekeeping.run(now + 31 * DAY_MS); // a second run the same day changes nothing
    expect([...(await flags(opened.account.id)).values()].filter(Boolean)).toHaveLength(2);

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
