import { randomBytes } from 'node:crypto';
import { createRedis, RedisClient } from '@keygate/connections';
import { CallUses, callLabel } from './call-uses';
import { CallingKey, QuotaLedger, newStepId } from './quota-ledger';
import { DAY_MS, dayIndexOf, startOfDay } from './rolling-window';

const MINUTE = 60_000;

describe(CallUses.name, () => {
  let redis: RedisClient;
  let ledger: QuotaLedger;
  let uses: CallUses;
  const account = () => `acc_${randomBytes(6).toString('hex')}`;
  // Today: a day's counts expire DECISION_RETENTION_DAYS after it, so a day long past is gone at once.
  const day = dayIndexOf(Date.now());
  const at = (hour: number, minute: number) => startOfDay(day) + hour * 3_600_000 + minute * MINUTE;
  const call = (id: string, resource: string, action: string, cost = 1): CallingKey => ({
    id,
    rateLimits: [],
    cost,
    label: callLabel(resource, action),
  });
  const limits = (quota: number) => ({ quota, rateLimits: [] });

  beforeAll(() => {
    redis = createRedis(process.env.REDIS_URL!, 'call-uses-spec');
    const namespace = `kg-test:${randomBytes(4).toString('hex')}`;
    ledger = new QuotaLedger(redis, namespace, { usesKeptDays: 30 });
    uses = new CallUses(redis, namespace);
  });
  afterAll(() => redis.quit());

  it('counts what admitted calls used per key and minute, in the step that counts them, and not what was refused', async () => {
    const id = account();
    const batch = [
      call('a', 'product', 'read'),
      call('b', 'blogpost', 'read'),
      call('a', 'product', 'read'),
      call('a', 'product', 'update'),
      call('b', 'blogpost', 'read'), // the quota (4) refuses this one
    ];
    const admitted = await ledger.admitMany(
      id,
      batch,
      limits(4),
      at(10, 15),
      newStepId(at(10, 15)),
    );
    expect(admitted.map((a) => a.admitted)).toEqual([true, true, true, true, false]);
    await ledger.admitMany(
      id,
      [call('a', 'product', 'read')],
      limits(10),
      at(10, 16),
      newStepId(at(10, 16)),
    );

    expect(await uses.minutesOfDay(id, 'a', day)).toEqual([
      { minute: at(10, 16), resource: 'product', action: 'read', calls: 1 },
      { minute: at(10, 15), resource: 'product', action: 'update', calls: 1 },
      { minute: at(10, 15), resource: 'product', action: 'read', calls: 2 },
    ]);
    expect(await uses.minutesOfDay(id, 'b', day)).toEqual([
      { minute: at(10, 15), resource: 'blogpost', action: 'read', calls: 1 },
    ]);
    // The same counts as the ledger's, key by key.
    for (const key of ['a', 'b']) {
      const ledgerCount = (await ledger.windowCounts(id, day, key)).get(day);
      const counted = (await uses.totals(id, key, startOfDay(day), startOfDay(day + 1))).reduce(
        (sum, use) => sum + use.calls,
        0,
      );
      expect(counted).toBe(ledgerCount);
    }
  });

  it('reads whole days from their totals and the edges of a span minute by minute', async () => {
    const id = account();
    for (const [when, resource] of [
      [at(9, 0), 'product'],
      [at(23, 59), 'product'],
      [at(23, 59) + DAY_MS, 'blogpost'],
      [at(0, 1) + 2 * DAY_MS, 'product'],
    ] as const)
      await ledger.admitMany(id, [call('k', resource, 'read')], limits(100), when, newStepId(when));
    const byLabel = (list: Array<{ resource: string; calls: number }>) =>
      Object.fromEntries(list.map((use) => [use.resource, use.calls]));
    // [10:00 on day 0, 00:01 on day 2): the 23:59 of day 0, all of day 1, nothing of day 2.
    expect(byLabel(await uses.totals(id, 'k', at(10, 0), at(0, 1) + 2 * DAY_MS))).toEqual({
      product: 1,
      blogpost: 1,
    });
    expect(byLabel(await uses.totals(id, 'k', at(0, 0), at(0, 2) + 2 * DAY_MS))).toEqual({
      product: 3,
      blogpost: 1,
    });
  });

  it('counts a verification by its cost, and a check of cost 0 not at all', async () => {
    const id = account();
    await ledger.admitMany(
      id,
      [call('k', 'product', 'read', 3), call('k', '@verify', 'verify', 0)],
      limits(100),
      at(8, 0),
      newStepId(at(8, 0)),
    );
    expect(await uses.totals(id, 'k', startOfDay(day), startOfDay(day + 1))).toEqual([
      { resource: 'product', action: 'read', calls: 3 },
    ]);
    expect((await ledger.windowCounts(id, day, 'k')).get(day)).toBe(3);
  });

  it('replays what calls admitted without Redis used, once, with the ledger', async () => {
    const id = account();
    const step = {
      stepId: newStepId(at(11, 0)),
      accountId: id,
      day,
      counts: { k: 3 },
      uses: { k: { [`660|${callLabel('product', 'read')}`]: 2, '661|product|create': 1 } },
      lastUsedAt: at(11, 1),
    };
    expect(await ledger.replayStep(step)).toBe(true);
    expect(await ledger.replayStep(step)).toBe(false);
    expect(await uses.minutesOfDay(id, 'k', day)).toEqual([
      { minute: at(11, 1), resource: 'product', action: 'create', calls: 1 },
      { minute: at(11, 0), resource: 'product', action: 'read', calls: 2 },
    ]);
    expect(await uses.totals(id, 'k', startOfDay(day), startOfDay(day + 1))).toHaveLength(2);
    expect((await ledger.windowCounts(id, day, 'k')).get(day)).toBe(3);
  });

  it('counts nothing by use when the decision log is off, the ledger as before', async () => {
    const id = account();
    const off = new QuotaLedger(redis, uses.keyspace.namespace, { countUses: false });
    await off.admitMany(
      id,
      [call('k', 'product', 'read')],
      limits(10),
      at(7, 0),
      newStepId(at(7, 0)),
    );
    await off.replayStep({
      stepId: newStepId(at(7, 1)),
      accountId: id,
      day,
      counts: { k: 1 },
      uses: { k: { '421|product|read': 1 } },
      lastUsedAt: at(7, 1),
    });
    expect(await uses.minutesOfDay(id, 'k', day)).toEqual([]);
    expect((await off.windowCounts(id, day, 'k')).get(day)).toBe(2);
  });

  it('keeps a day’s counts for the retention after the day, then Redis drops them', async () => {
    const id = account();
    await ledger.admitMany(
      id,
      [call('k', 'product', 'read')],
      limits(10),
      at(12, 0),
      newStepId(at(12, 0)),
    );
    const expiresAt = await redis.call('EXPIRETIME', uses.keyspace.usesByMinuteKey(id, 'k', day));
    expect(Number(expiresAt)).toBe((startOfDay(day + 1) + 30 * DAY_MS) / 1000);
    expect(Number(await redis.call('EXPIRETIME', uses.keyspace.usesOfDayKey(id, 'k', day)))).toBe(
      Number(expiresAt),
    );
  });
});
