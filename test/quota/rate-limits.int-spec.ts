import { RATE_SUBWINDOWS } from '@keygate/usage';
import { SystemHarness, withKey } from '../system.harness';

const PLANS = {
  starter: { apiAccess: true, callLimit: 100000, maxUserKeys: 5 },
  limited: {
    apiAccess: true,
    callLimit: 100000,
    maxUserKeys: 5,
    rateLimits: [{ limit: 10, windowSeconds: 1 }],
  },
};

interface Outcome {
  status: number;
  /** Admitted: when, on the admission clock (Redis's), as the upstream was told. */
  admittedAt?: number;
  /** Refused: the call was sent and answered between these (this machine's clock, Redis's too). */
  sentAt: number;
  answeredAt: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/**
 * Rate limits exact across gateways (ADR 9), as a client sees them: two gateways, calls from
 * everywhere, and what the upstream was told of each admission.
 */
describe('rate limits at the gateways', () => {
  const system = new SystemHarness({ KEYGATE_PLANS: JSON.stringify(PLANS) });

  beforeAll(() => system.start(2));
  afterAll(() => system.stop());

  /** `count` calls over `ms`, each to one of the gateways in turn, all in flight together. */
  async function spread(secrets: string[], count: number, ms: number): Promise<Outcome[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        // Load spread over `ms`, as clients would send it; no assertion depends on this timing.
        await new Promise((sent) => setTimeout(sent, (ms * i) / count));
        const sentAt = Date.now();
        const answer = await system.call(
          '/api/v1/content/product',
          { headers: withKey(secrets[i % secrets.length]) },
          system.gateways[i % 2],
        );
        const admittedAt = answer.body?.headers?.['x-keygate-admitted-at'];
        return {
          ...answer,
          sentAt,
          answeredAt: Date.now(),
          admittedAt: admittedAt === undefined ? undefined : Number(admittedAt),
        };
      }),
    );
  }

  /**
   * No interval of one second holds more than 10 admitted calls; a refused call is one whose
   * second and a tenth before it already held 10 (refused early by one sub-window at most).
   */
  function expectExact(outcomes: Outcome[]) {
    const admitted = outcomes.filter((o) => o.status === 200).map((o) => o.admittedAt!);
    const refused = outcomes.filter((o) => o.status === 429);
    const within = (from: number, to: number) =>
      admitted.filter((at) => at > from && at <= to).length;
    for (const at of admitted) expect(within(at - 1000, at)).toBeLessThanOrEqual(10);
    const bound = 1000 + 1000 / RATE_SUBWINDOWS;
    for (const { sentAt, answeredAt } of refused)
      expect(within(sentAt - bound, answeredAt)).toBeGreaterThanOrEqual(10);
    return { admitted, refused };
  }

  it('admits at most 10 calls a second for a key limited to 10/s, across two gateways', async () => {
    const opened = await system.openAccount('Ten a second');
    const { secret } = await system.createKey(opened.account.id, {
      rateLimits: [{ limit: 10, windowSeconds: 1 }],
    });
    await system.gatewaysCaughtUp();
    const outcomes = await spread([secret], 400, 3000);
    const { admitted, refused } = expectExact(outcomes);
    expect(admitted.length).toBeGreaterThanOrEqual(20);
    expect(admitted.length + refused.length).toBe(400);

    const [refusal] = refused;
    expect(refusal.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      limit: { scope: 'key', limit: 10, windowSeconds: 1 },
    });
    expect(refusal.body.error.limit.retryAfterMs).toBeGreaterThan(0);
    expect(refusal.headers.get('retry-after')).toBe(
      String(Math.ceil(refusal.body.error.limit.retryAfterMs / 1000)),
    );
    expect(refusal.headers.get('ratelimit-policy')).toBe('10;w=1, 100000;w=2592000');
    expect(refusal.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('shares the plan’s limit between the keys of an account', async () => {
    const opened = await system.openAccount('Shared ten', 'limited');
    const [readWrite, readOnly] = opened.applicationKeys.map((k) => k.secret);
    await system.gatewaysCaughtUp();
    const outcomes = await spread([readWrite, readOnly], 200, 1500);
    const { refused } = expectExact(outcomes);
    expect(refused[0].body.error.limit).toMatchObject({ scope: 'account', limit: 10 });
  });

  it('counts a refused call against nothing: the quota sees only the admitted ones', async () => {
    const opened = await system.openAccount('Nothing taken');
    const { secret } = await system.createKey(opened.account.id, {
      rateLimits: [{ limit: 3, windowSeconds: 60 }],
    });
    await system.gatewaysCaughtUp();
    const outcomes = await spread([secret], 8, 0);
    expect(outcomes.filter((o) => o.status === 200)).toHaveLength(3);
    const usage = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(usage.body.usage.used).toBe(3);
    expect(usage.body.key.rateLimits).toEqual([{ limit: 3, windowSeconds: 60 }]);
  });

  it('refuses bad limits with a 400 naming the field, and stores nothing', async () => {
    const opened = await system.openAccount('Bad limits');
    const before = await system.send<unknown[]>('keys.list', { accountId: opened.account.id });
    const refusal = await system
      .createKey(opened.account.id, {
        rateLimits: [
          { limit: 10, windowSeconds: 1 },
          { limit: 10, windowSeconds: 86401 },
        ],
      })
      .catch((error: { fields?: Array<{ field: string }> }) => error);
    expect((refusal as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual([
      'rateLimits[1].windowSeconds',
    ]);
    expect(await system.send('keys.list', { accountId: opened.account.id })).toEqual(before);
  });
});
