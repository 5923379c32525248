import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RateLimit } from '@keygate/contracts';
import { createRedis } from '@keygate/connections';
import { RATE_SUBWINDOWS } from './admission.lua';
import { AccountLimits, Admission, CallingKey, QuotaLedger, newStepId } from './quota-ledger';

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
  let gateways: Redis[];
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
