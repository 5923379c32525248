import { randomBytes } from 'node:crypto';
import { createRedis, RedisClient } from '@keygate/connections';
import { Admission, QuotaLedger, newStepId, withoutLimits } from './quota-ledger';
import { DAY_MS, dayIndexOf, startOfDay } from './rolling-window';

describe(QuotaLedger.name, () => {
  let redis: RedisClient;
  let ledger: QuotaLedger;
  const account = () => `acc_${randomBytes(6).toString('hex')}`;
  const noon = startOfDay(dayIndexOf(Date.parse('2026-11-23T00:00:00Z'))) + 12 * 3600 * 1000;

  beforeAll(() => {
    redis = createRedis(process.env.REDIS_URL!, 'ledger-spec');
    ledger = new QuotaLedger(redis, `kg-test:${randomBytes(4).toString('hex')}`);
  });
  afterAll(() => redis.quit());

  it('admits up to the limit and then refuses, with the ledger at the limit', async () => {
    const id = account();
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await ledger.admit(id, 'k1', 5, noon));
    expect(results.map((r) => r.admitted)).toEqual([true, true, true, true, true, false, false]);
    expect(results[4]).toMatchObject({ used: 5, remaining: 0 });
    expect(results[5].retryAfterSeconds).toBe((30 * DAY_MS - 12 * 3600 * 1000) / 1000);
    expect((await ledger.windowCounts(id, dayIndexOf(noon))).get(dayIndexOf(noon))).toBe(5);
  });

  it('admits a batch in order, exactly as the same calls one by one', async () => {
    const batched = account();
    const single = account();
    const keys = ['a', 'b', 'a', 'c', 'b', 'a', 'c', 'a', 'b', 'c'];
    const batch = await ledger.admitMany(
      batched,
      withoutLimits(keys),
      { quota: 7, rateLimits: [] },
      noon,
      newStepId(noon),
    );
    const oneByOne = [];
    for (const key of keys) oneByOne.push(await ledger.admit(single, key, 7, noon));
    // The same answers but the step's time on Redis's clock, which differs step by step.
    const withoutTime = ({ at: _at, ...rest }: Admission) => rest;
    expect(batch.map(withoutTime)).toEqual(oneByOne.map(withoutTime));
    expect(batch.map((r) => r.used)).toEqual([1, 2, 3, 4, 5, 6, 7, 7, 7, 7]);
    expect(batch[7].retryAfterSeconds).toBeGreaterThan(0);
    const today = dayIndexOf(noon);
    for (const [key, expected] of [
      ['a', 3],
      ['b', 2],
      ['c', 2],
    ] as const)
      expect((await ledger.windowCounts(batched, today, key)).get(today)).toBe(expected);
    expect(Object.keys(await ledger.lastUsed(batched)).sort()).toEqual(['a', 'b', 'c']);
  });

  it('is exact under concurrency: L of L + 500 admitted', async () => {
    const id = account();
    const results = await Promise.all(
      Array.from({ length: 800 }, (_, i) => ledger.admit(id, `k${i % 3}`, 300, noon)),
    );
    expect(results.filter((r) => r.admitted)).toHaveLength(300);
    const counts = await ledger.windowCounts(id, dayIndexOf(noon));
    expect(counts.get(dayIndexOf(noon))).toBe(300);
    const perKey = await Promise.all(
      ['k0', 'k1', 'k2'].map(async (k) =>
        (await ledger.windowCounts(id, dayIndexOf(noon), k)).get(dayIndexOf(noon)),
      ),
    );
    expect(perKey.reduce((a, b) => a! + b!, 0)).toBe(300);
  });

  it('releases day 1 on day 31, and Retry-After said so', async () => {
    const id = account();
    for (let i = 0; i < 3; i++) await ledger.admit(id, 'k', 3, noon);
    const refused = await ledger.admit(id, 'k', 3, noon + 29 * DAY_MS);
    expect(refused.admitted).toBe(false);
    const retryAt = noon + 29 * DAY_MS + refused.retryAfterSeconds! * 1000;
    expect(retryAt).toBe(startOfDay(dayIndexOf(noon) + 30));
    expect((await ledger.admit(id, 'k', 3, retryAt - 1)).admitted).toBe(false);
    const admitted = await ledger.admit(id, 'k', 3, retryAt);
    expect(admitted).toMatchObject({ admitted: true, used: 1, remaining: 2 });
  });

  it('reads the window total from the running total, or sums the days once the window slid', async () => {
    const id = account();
    const day0 = dayIndexOf(noon);
    expect(await ledger.windowTotal(id, day0)).toBe(0);
    for (let d = 0; d < 5; d++) await ledger.admit(id, 'k', 1000, noon + d * DAY_MS);
    await ledger.admit(id, 'k', 1000, noon + 4 * DAY_MS);
    expect(await ledger.windowTotal(id, day0 + 4)).toBe(6); // running total, same window start
    expect(await ledger.windowTotal(id, day0 + 30)).toBe(5); // slid past day 0, no admission yet
    expect(await ledger.windowTotal(id, day0 + 33)).toBe(2); // only day 4 left (window 4..33)
    expect(await ledger.windowTotal(id, day0 + 60)).toBe(0);
    await ledger.admit(id, 'k', 1000, noon + 30 * DAY_MS);
    expect(await ledger.windowTotal(id, day0 + 30)).toBe(6); // days 1..4 and this one
  });

  it('keeps the running total right as the window slides day by day and after a long silence', async () => {
    const id = account();
    const day0 = dayIndexOf(noon);
    for (let d = 0; d < 40; d++) await ledger.admit(id, 'k', 1000, noon + d * DAY_MS);
    // On day 39 the window holds days 10..39: 30 calls (day 39's included), plus this one.
    expect((await ledger.admit(id, 'k', 1000, noon + 39 * DAY_MS)).used).toBe(31);
    expect((await ledger.admit(id, 'k', 1000, noon + 200 * DAY_MS)).used).toBe(1);
    expect((await ledger.windowCounts(id, day0 + 200)).get(day0 + 200)).toBe(1);
  });

  it('reports when the oldest calls drop out (RateLimit-Reset)', async () => {
    const id = account();
    await ledger.admit(id, 'k', 10, noon);
    const later = await ledger.admit(id, 'k', 10, noon + 5 * DAY_MS);
    expect(later.resetSeconds).toBe((25 * DAY_MS - 12 * 3600 * 1000) / 1000);
  });

  it('replays a buffered count once, however often it is sent', async () => {
    const id = account();
    await ledger.admit(id, 'k', 100, noon);
    const step = {
      stepId: newStepId(noon),
      accountId: id,
      day: dayIndexOf(noon),
      counts: { k: 7 },
      uses: {},
      lastUsedAt: noon + 1,
    };
    expect(await ledger.replayStep(step)).toBe(true);
    expect(await ledger.replayStep(step)).toBe(false);
    expect((await ledger.admit(id, 'k', 100, noon + 2)).used).toBe(9);
    expect((await ledger.lastUsed(id)).k).toBe(noon + 2);
  });

  it('counts replayed calls for an account that had none yet', async () => {
    const id = account();
    await ledger.replayStep({
      stepId: newStepId(noon),
      accountId: id,
      day: dayIndexOf(noon),
      counts: { k: 3, k2: 1 },
      uses: {},
      lastUsedAt: noon,
    });
    expect((await ledger.admit(id, 'k', 100, noon + 1)).used).toBe(5);
    expect((await ledger.windowCounts(id, dayIndexOf(noon), 'k2')).get(dayIndexOf(noon))).toBe(1);
  });

  it('counts a step sent twice once: a Cluster client re-sends it through a failover, and after a replay', async () => {
    const id = account();
    const stepId = newStepId(noon);
    const limits = { quota: 100, rateLimits: [] };
    await ledger.admitMany(id, withoutLimits(['k', 'k']), limits, noon, stepId);
    await expect(
      ledger.admitMany(id, withoutLimits(['k', 'k']), limits, noon, stepId),
    ).rejects.toThrow(/STEP_ALREADY_COUNTED/);
    // A step the gateway gave up on and replayed, then re-sent by the client: counted once too.
    const replayed = newStepId(noon);
    await ledger.replayStep({
      stepId: replayed,
      accountId: id,
      day: dayIndexOf(noon),
      counts: { k: 3 },
      uses: {},
      lastUsedAt: noon,
    });
    await expect(
      ledger.admitMany(id, withoutLimits(['k', 'k', 'k']), limits, noon, replayed),
    ).rejects.toThrow(/STEP_ALREADY_COUNTED/);
    expect(await ledger.windowTotal(id, dayIndexOf(noon))).toBe(5);
  });

  it('does not replay a step that ran: its reply was lost, not its count', async () => {
    const id = account();
    const stepId = newStepId(noon);
    await ledger.admitMany(
      id,
      withoutLimits(['k', 'k']),
      { quota: 100, rateLimits: [] },
      noon,
      stepId,
    );
    const replay = {
      stepId,
      accountId: id,
      day: dayIndexOf(noon),
      counts: { k: 2 },
      uses: {},
      lastUsedAt: noon,
    };
    expect(await ledger.replayStep(replay)).toBe(false);
    expect((await ledger.admit(id, 'k', 100, noon + 1)).used).toBe(3);
  });
});
