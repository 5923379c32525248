import { randomBytes } from 'node:crypto';
import {
  DAY_MS,
  LEGACY_LEDGER_NAMESPACE,
  QuotaLedger,
  dayIndexOf,
  newStepId,
  withoutLimits,
} from '@keygate/usage';
import { KeyHousekeeping } from '../../apps/usage-service/src/housekeeping/key-housekeeping';
import { LegacyLedgerUpgrade } from '../../apps/usage-service/src/ledger-upgrade/legacy-ledger.upgrade';
import { SystemHarness, withKey } from '../system.harness';

/** The Redis keys of one account under a namespace. */
const keysOf = (system: SystemHarness, namespace: string, accountId: string) =>
  system.redis.keys(`${namespace}:{a:${accountId}}*`);

describe('a ledger left under kg: by versions before 0.2', () => {
  const system = new SystemHarness({}, { usageService: true });

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  it('is carried into KEYGATE_REDIS_NAMESPACE: counts added, last uses and step markers kept, other deployments’ accounts left alone', async () => {
    const opened = await system.openAccount('Upgraded');
    const accountId = opened.account.id;
    const [readWrite, readOnly] = opened.applicationKeys.map((issued) => issued.key.id);
    const foreignAccount = `acc_other_deployment_${randomBytes(4).toString('hex')}`;
    const now = Date.now();
    const today = dayIndexOf(now);

    // What the old version counted: 2 calls yesterday, then 3 today in a step whose reply was lost.
    const legacy = new QuotaLedger(system.redis, LEGACY_LEDGER_NAMESPACE);
    const lostStep = newStepId(now);
    await legacy.admitMany(
      accountId,
      withoutLimits([readOnly, readOnly]),
      { quota: 1000, rateLimits: [] },
      now - DAY_MS,
      newStepId(now),
    );
    await legacy.admitMany(
      accountId,
      withoutLimits([readWrite, readWrite, readOnly]),
      { quota: 1000, rateLimits: [] },
      now,
      lostStep,
    );
    await legacy.admit(foreignAccount, 'key_theirs', 1000, now);
    // A gateway of the new version counted one call before the upgrade pass reached the account.
    const ledger = system.ledger();
    await ledger.admit(accountId, readWrite, 1000, now + 1000);

    const upgrade = system.usageService!.get(LegacyLedgerUpgrade);
    await upgrade.runPass();

    expect(await keysOf(system, LEGACY_LEDGER_NAMESPACE, accountId)).toEqual([]);
    expect(await ledger.windowTotal(accountId, today)).toBe(6);
    expect([...(await ledger.windowCounts(accountId, today, readWrite)).values()]).toContain(3);
    const readOnlyDays = await ledger.windowCounts(accountId, today, readOnly);
    expect([readOnlyDays.get(today), readOnlyDays.get(today - 1)]).toEqual([1, 2]);
    expect(await ledger.lastUsed(accountId)).toEqual({ [readWrite]: now + 1000, [readOnly]: now });

    // The lost step ran before the move: replaying it now counts nothing twice.
    const replayed = await ledger.replayStep({
      stepId: lostStep,
      accountId,
      day: today,
      counts: { [readWrite]: 2, [readOnly]: 1 },
      uses: {},
      lastUsedAt: now,
    });
    expect(replayed).toBe(false);

    // The gateway's next admission carries on from the merged total.
    const answer = await system.call('/api/auth-context', {
      headers: withKey(opened.applicationKeys[0].secret),
    });
    expect(answer.body.usage.used).toBe(6);
    await system.call('/api/v1/content/product', {
      headers: withKey(opened.applicationKeys[0].secret),
    });
    expect(await ledger.windowTotal(accountId, today)).toBe(7);

    // An old gateway still counting after the passes stopped: the daily housekeeping carries it.
    await legacy.admit(accountId, readOnly, 1000, now + 2000);
    const housekeeping = system.usageService!.get(KeyHousekeeping);
    expect((await housekeeping.run(now + 3000)).carriedLedgerKeys).toBeGreaterThan(0);
    expect(await ledger.windowTotal(accountId, today)).toBe(8);

    // An account this deployment does not hold stays where it was, for its own deployment.
    expect(await keysOf(system, LEGACY_LEDGER_NAMESPACE, foreignAccount)).not.toEqual([]);
    expect(await keysOf(system, system.env.KEYGATE_REDIS_NAMESPACE, foreignAccount)).toEqual([]);
    expect(await upgrade.runPass()).toMatchObject({ accounts: 0, keys: 0, foreignAccounts: 1 });
    await system.redis.del(...(await keysOf(system, LEGACY_LEDGER_NAMESPACE, foreignAccount)));
  });
});
