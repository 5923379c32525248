import { randomBytes } from 'node:crypto';
import { KeyCredits, RateLimit } from '@keygate/contracts';
import { createRedis, RedisClient } from '@keygate/connections';
import { RATE_SUBWINDOWS } from './admission.lua';
import { AccountLimits, Admission, CallingKey, QuotaLedger, newStepId } from './quota-ledger';
import { DAY_MS } from './rolling-window';

const PER_SECOND_10: RateLimit = { limit: 10, windowSeconds: 1 };
const NO_ACCOUNT_LIMITS: AccountLimits = { quota: 1_000_000, rateLimits: [] };

/** Admitted calls whose admission time lies in (from, to]. */
const within = (times: number[], from: number, to: number) =>
  times.filter((at) => at > from && at <= to).length;

/**
 * The admission step's rate limits against a real Redis, from two connections (two gateways):
 * on Redis's clock, no interval of the window ever holds more than the limit, and a call is
 * refused early by at most one sub-window (ADR 9).
 */
describe('rate limits in the admission step', () => {
  let gateways: RedisClient[];
  let ledgers: QuotaLedger[];
  const account = () => `acc_${randomBytes(6).toString('hex')}`;

  beforeAll(() => {
    const namespace = `kg-test:${randomBytes(4).toString('hex')}`;
    gateways = [0, 1].map((i) => createRedis(process.env.REDIS_URL!, `rate-spec-${i}`));
    ledgers = gateways.map((redis) => new QuotaLedger(redis, namespace));
  });
  afterAll(() => Promise.all(gateways.map((redis) => redis.quit())));

  /** Steps of 1-4 calls from both gateways, back to back, for `ms` of Redis's clock. */
  async function stampede(
    accountId: string,
    keys: CallingKey[],
    limits: AccountLimits,
    ms: number,
  ): Promise<Admission[]> {
    const results: Admission[] = [];
    let first: number | undefined;
    let now = 0;
    await Promise.all(
      ledgers.map(async (ledger, g) => {
        for (let step = 0; first === undefined || now - first < ms; step++) {
          const calls = Array.from(
            { length: 1 + ((step + g) % 4) },
            (_, i) => keys[i % keys.length],
          );
          const admissions = await ledger.admitMany(
            accountId,
            calls,
            limits,
            Date.now(),
            newStepId(Date.now()),
          );
          results.push(...admissions);
          now = admissions[0].at;
          first ??= now;
        }
      }),
    );
    return results;
  }

  /** No interval of the window holds more than the limit; refusals only when one of W + W/10 is full. */
  function expectExact(results: Admission[], { limit, windowSeconds }: RateLimit) {
    const windowMs = windowSeconds * 1000;
    const admitted = results.filter((r) => r.admitted).map((r) => r.at);
    const refused = results.filter((r) => r.rateLimited).map((r) => r.at);
    for (const at of admitted)
      expect(within(admitted, at - windowMs, at)).toBeLessThanOrEqual(limit);
    const earlyBound = windowMs + windowMs / RATE_SUBWINDOWS;
    for (const at of refused)
      expect(within(admitted, at - earlyBound, at)).toBeGreaterThanOrEqual(limit);
    return { admitted: admitted.length, refused: refused.length };
  }

  it('never admits more than 10 in any second for one key, across two gateways', async () => {
    const key = { id: 'k1', rateLimits: [PER_SECOND_10] };
    const results = await stampede(account(), [key], NO_ACCOUNT_LIMITS, 2500);
    const { admitted, refused } = expectExact(results, PER_SECOND_10);
    // Over 2.5 s at least 20 fit (the window moved twice) and the stampede asked for far more.
    expect(admitted).toBeGreaterThanOrEqual(20);
    expect(refused).toBeGreaterThan(admitted);
    expect(results.find((r) => r.rateLimited)?.rateLimited).toMatchObject({
      scope: 'key',
      limit: 10,
      windowSeconds: 1,
    });
  });

  it('shares an account’s limit between its keys', async () => {
    const limits: AccountLimits = { quota: 1_000_000, rateLimits: [PER_SECOND_10] };
    const keys = [
      { id: 'k1', rateLimits: [] },
      { id: 'k2', rateLimits: [] },
    ];
    const results = await stampede(account(), keys, limits, 1500);
    expectExact(results, PER_SECOND_10);
    expect(results.find((r) => r.rateLimited)?.rateLimited?.scope).toBe('account');
  });

  it('takes nothing from any limit for a refused call', async () => {
    const id = account();
    const key = {
      id: 'k1',
      rateLimits: [
        { limit: 2, windowSeconds: 10 },
        { limit: 100, windowSeconds: 3600 },
      ],
    };
    const limits: AccountLimits = { quota: 50, rateLimits: [{ limit: 20, windowSeconds: 60 }] };
    const results = await ledgers[0].admitMany(
      id,
      [key, key, key, key, key],
      limits,
      Date.now(),
      newStepId(Date.now()),
    );
    expect(results.map((r) => r.admitted)).toEqual([true, true, false, false, false]);
    expect(results[4].rateLimited).toMatchObject({ scope: 'key', limit: 2, windowSeconds: 10 });
    expect(results[4].used).toBe(2); // the quota counted the two admitted calls only
    const counted = async (name: string) =>
      Object.values(await gateways[0].hgetall(name)).reduce((sum, n) => sum + Number(n), 0);
    const keyspace = ledgers[0].keyspace;
    expect(await counted(keyspace.keyRateKey(id, 'k1', 3600))).toBe(2);
    expect(await counted(keyspace.accountRateKey(id, 60))).toBe(2);
  });

  it('says when one more call fits: once the oldest calls leave the window', async () => {
    const key = { id: 'k1', rateLimits: [{ limit: 3, windowSeconds: 2 }] };
    const [, , , refused] = await ledgers[0].admitMany(
      account(),
      [key, key, key, key],
      NO_ACCOUNT_LIMITS,
      Date.now(),
      newStepId(Date.now()),
    );
    // The three count in the current sub-window until it has wholly left the window: a sliding
    // log would wait 2 s, the sub-windows at most one more sub-window.
    const wait = refused.rateLimited!.retryAfterMs;
    expect(wait).toBeGreaterThan(2000);
    expect(wait).toBeLessThanOrEqual(2000 + 2000 / RATE_SUBWINDOWS);
  });

  it('leaves calls without rate limits to the quota alone', async () => {
    const results = await ledgers[0].admitMany(
      account(),
      [
        { id: 'k1', rateLimits: [] },
        { id: 'k2', rateLimits: [] },
        { id: 'k1', rateLimits: [] },
      ],
      { quota: 2, rateLimits: [] },
      Date.now(),
      newStepId(Date.now()),
    );
    expect(results.map((r) => [r.admitted, r.rateLimited])).toEqual([
      [true, undefined],
      [true, undefined],
      [false, undefined],
    ]);
  });
});

describe('credits in the admission step', () => {
  let gateways: RedisClient[];
  let ledgers: QuotaLedger[];
  const account = () => `acc_${randomBytes(6).toString('hex')}`;
  const NOON = Date.parse('2026-12-06T12:00:00.000Z');

  beforeAll(() => {
    const namespace = `kg-test:${randomBytes(4).toString('hex')}`;
    gateways = [0, 1].map((i) => createRedis(process.env.REDIS_URL!, `credits-spec-${i}`));
    ledgers = gateways.map((redis) => new QuotaLedger(redis, namespace));
  });
  afterAll(() => Promise.all(gateways.map((redis) => redis.quit())));

  const withCredits = (credits: KeyCredits): CallingKey => ({ id: 'k1', rateLimits: [], credits });
  const created = (amount: number, refill: KeyCredits['refill'] = null): KeyCredits => ({
    refill,
    anchor: new Date(NOON).toISOString(),
    set: { version: 1, amount, period: 0 },
    added: 0,
  });
  const admit = (ledger: QuotaLedger, id: string, key: CallingKey, calls: number, now = NOON) =>
    ledger.admitMany(id, Array(calls).fill(key), NO_ACCOUNT_LIMITS, now, newStepId(now));

  it('admits exactly as many calls as there are credits, from two gateways at once', async () => {
    const id = account();
    const key = withCredits(created(500));
    const steps = await Promise.all(
      Array.from({ length: 100 }, (_, i) => admit(ledgers[i % 2], id, key, 10)),
    );
    const results = steps.flat();
    expect(results.filter((r) => r.admitted)).toHaveLength(500);
    expect(results.filter((r) => r.creditsExhausted)).toHaveLength(500);
    expect(Math.min(...results.map((r) => r.credits!.remaining))).toBe(0);
  });

  it('applies an operator’s set and adds once each, whichever gateway sees them first', async () => {
    const id = account();
    await admit(ledgers[0], id, withCredits(created(3)), 3); // all spent
    const topped = { ...created(3), added: 5 };
    const [first] = await admit(ledgers[1], id, withCredits(topped), 1);
    expect(first.credits?.remaining).toBe(4);
    // The other gateway still holds the record from before the add: nothing is added twice.
    const [stale] = await admit(ledgers[0], id, withCredits(created(3)), 1);
    expect(stale.credits?.remaining).toBe(3);
    const reset = { ...created(0), set: { version: 7, amount: 10, period: 0 }, added: 0 };
    const [afterSet] = await admit(ledgers[1], id, withCredits(reset), 1);
    expect(afterSet.credits?.remaining).toBe(9);
  });

  it('refills by the key’s clock: replace at each period, add up to a cap', async () => {
    const id = account();
    const daily = created(2, { amount: 5, every: 'day', mode: 'replace' });
    await admit(ledgers[0], id, withCredits(daily), 3);
    const [stillOut] = await admit(ledgers[0], id, withCredits(daily), 1, NOON + DAY_MS - 1);
    expect(stillOut.creditsExhausted).toBe(true);
    expect(stillOut.credits?.nextRefillAt).toBe(NOON + DAY_MS);
    const [refilled] = await admit(ledgers[0], id, withCredits(daily), 1, NOON + DAY_MS);
    expect(refilled).toMatchObject({ admitted: true, credits: { remaining: 4 } });

    const other = account();
    const growing = created(1, { amount: 10, every: 'day', mode: 'add', cap: 25 });
    const [later] = await admit(ledgers[0], other, withCredits(growing), 1, NOON + 5 * DAY_MS);
    // 1 + 5 refills of 10, capped at 25, less this call.
    expect(later.credits?.remaining).toBe(24);
  });

  it('counts a call of cost n as n calls, all or nothing; cost 0 asks without counting', async () => {
    const id = account();
    const key = withCredits(created(3));
    const costly = (cost: number) =>
      ledgers[0].admitMany(id, [{ ...key, cost }], NO_ACCOUNT_LIMITS, NOON, newStepId(NOON));
    const [five] = await costly(5);
    expect(five).toMatchObject({
      admitted: false,
      creditsExhausted: true,
      credits: { remaining: 3 },
    });
    const [two] = await costly(2);
    expect(two).toMatchObject({ admitted: true, used: 2, credits: { remaining: 1 } });
    const [check] = await costly(0);
    expect(check).toMatchObject({ admitted: true, used: 2, credits: { remaining: 1 } });
    await costly(1);
    const [empty] = await costly(0);
    expect(empty).toMatchObject({ admitted: false, creditsExhausted: true, used: 3 });
  });

  it('takes no credit for a call the quota refuses', async () => {
    const id = account();
    const key = withCredits(created(10));
    const results = await ledgers[0].admitMany(
      id,
      [key, key, key],
      { quota: 2, rateLimits: [] },
      NOON,
      newStepId(NOON),
    );
    expect(results.map((r) => r.admitted)).toEqual([true, true, false]);
    expect(results[2].credits?.remaining).toBe(8);
  });
});
