import { GatewayConfig } from '@keygate/config';
import { QuotaExceededError, ServiceUnavailableError } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { AccountLimits, Admission, BufferedStep, CallingKey } from '@keygate/usage';
import { Principal } from '../auth/key-verifier';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { QuotaAdmission } from './quota-admission';
import { QuotaAlertProducer } from './quota-alert.producer';
import { QuotaStore } from './quota-store';

const principal = (keyId = 'k1', environment = 'live') =>
  ({
    account: { id: 'a1', plan: 'starter' },
    key: { id: keyId, rateLimits: [], environment },
  }) as unknown as Principal;

type Outage = 'none' | 'refused before sending' | 'reply lost';

/**
 * A QuotaAdmission over an in-memory ledger: `used` calls counted for account a1; steps record
 * their ids, so a replay of a step that ran can be seen to count nothing.
 */
function setup({ limit = 3, failMode = 'open' as 'open' | 'closed', quotaEnabled = true } = {}) {
  const ledger = fakeLedger();
  const testLedger = fakeLedger();
  const alerts: Array<[number, number]> = [];
  const storeErrors: number[] = [];
  let closed = false;
  const config = {
    quotaEnabled,
    quotaFailMode: failMode,
    quotaBufferLimit: 1000,
    plans: { starter: { apiAccess: true, callLimit: limit, testCallLimit: 2, maxUserKeys: 5 } },
  } as unknown as GatewayConfig;
  const metrics = {
    admissionBatchSize: { observe: () => undefined },
    quotaStoreErrors: { inc: () => storeErrors.push(1) },
    trackBuffer: () => undefined,
  } as unknown as GatewayMetrics;
  const producer = {
    afterAdmission: (_a: string, used: number, max: number) => alerts.push([used, max]),
  } as unknown as QuotaAlertProducer;
  const store = {
    ledgers: { live: ledger, test: testLedger },
    close: () => (closed = true),
  } as unknown as QuotaStore;
  const clock = new ManualClock(new Date('2026-03-01T10:15:30Z'));
  const quota = new QuotaAdmission(config, clock, metrics, producer, store);
  return { quota, ledger, testLedger, alerts, storeErrors, isClosed: () => closed };
}

function fakeLedger() {
  return {
    used: 0,
    outage: 'none' as Outage,
    reads: 0,
    ranSteps: new Set<string>(),
    replayed: [] as BufferedStep[],
    async admitMany(
      _accountId: string,
      calls: readonly CallingKey[],
      { quota: max }: AccountLimits,
      _now: number,
      stepId: string,
    ) {
      if (this.outage === 'refused before sending')
        throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
      const admissions: Admission[] = calls.map(() => {
        const admitted = this.used < max;
        if (admitted) this.used++;
        return {
          admitted,
          limit: max,
          used: this.used,
          remaining: max - this.used,
          resetSeconds: 60,
          retryAfterSeconds: admitted ? 0 : 3600,
          at: 0,
        };
      });
      this.ranSteps.add(stepId);
      if (this.outage === 'reply lost') throw new Error('Command timed out');
      return admissions;
    },
    async replayStep(step: BufferedStep) {
      this.replayed.push(step);
      if (this.ranSteps.has(step.stepId)) return false;
      this.used += Object.values(step.counts).reduce((sum, n) => sum + n, 0);
      return true;
    },
    async windowTotal() {
      this.reads++;
      return this.used;
    },
  };
}

const PRODUCT_READ = 'product|read';

describe(QuotaAdmission.name, () => {
  it('admits within the plan’s limit, answering RateLimit headers and raising alerts', async () => {
    const { quota, alerts } = setup({ limit: 3 });
    const { responseHeaders: headers } = await quota.admit(principal(), PRODUCT_READ);
    expect(headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '2' });
    expect(alerts).toEqual([[1, 3]]);
  });

  it('refuses past the limit with QUOTA_EXCEEDED and when to retry', async () => {
    const { quota } = setup({ limit: 1 });
    await quota.admit(principal(), PRODUCT_READ);
    const refusal = await quota.admit(principal(), PRODUCT_READ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(QuotaExceededError);
    expect((refusal as QuotaExceededError).retryAfterSeconds).toBe(3600);
  });

  it('admits calls of one turn in arrival order, in one step', async () => {
    const { quota, ledger } = setup({ limit: 2 });
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) => quota.admit(principal(`k${i}`), PRODUCT_READ)),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(ledger.ranSteps.size).toBe(1);
  });

  it('fails open when Redis refuses the step: admits, buffers, and replays it once', async () => {
    const { quota, ledger, storeErrors, isClosed } = setup();
    ledger.outage = 'refused before sending';
    await expect(quota.admit(principal(), PRODUCT_READ)).resolves.toEqual({
      responseHeaders: { 'ratelimit-limit': '3' },
      at: null,
    });
    expect(storeErrors).toHaveLength(1);
    expect(quota.bufferedSteps).toBe(1);
    ledger.outage = 'none';
    await quota.onApplicationShutdown(); // replays what is buffered, then closes the store
    expect(ledger.used).toBe(1);
    // What the call used is replayed with it, per minute, so the two still agree.
    expect(Object.values(ledger.replayed[0].uses)).toEqual([{ [`615|${PRODUCT_READ}`]: 1 }]); // 10:15
    expect(quota.bufferedSteps).toBe(0);
    expect(isClosed()).toBe(true);
  });

  it('replays a step whose reply was lost under its own id, so it is not counted twice', async () => {
    const { quota, ledger } = setup();
    ledger.outage = 'reply lost';
    await quota.admit(principal(), PRODUCT_READ);
    expect(ledger.used).toBe(1); // the step ran; only its answer was lost
    ledger.outage = 'none';
    await quota.onApplicationShutdown();
    expect([...ledger.ranSteps]).toEqual(ledger.replayed.map((step) => step.stepId));
    expect(ledger.used).toBe(1);
  });

  it('fails closed when so configured: 503, nothing buffered', async () => {
    const { quota, ledger } = setup({ failMode: 'closed' });
    ledger.outage = 'refused before sending';
    await expect(quota.admit(principal(), PRODUCT_READ)).rejects.toThrow(ServiceUnavailableError);
    expect(quota.bufferedSteps).toBe(0);
  });

  it('admits everything without a step when the quota is off', async () => {
    const { quota, ledger } = setup({ quotaEnabled: false });
    await expect(quota.admit(principal(), PRODUCT_READ)).resolves.toEqual({
      responseHeaders: {},
      at: null,
    });
    expect(ledger.ranSteps.size).toBe(0);
  });

  it('counts a test key in a lane of its own, under testCallLimit, raising no quota alert', async () => {
    const { quota, ledger, testLedger, alerts } = setup({ limit: 3 });
    const testKey = principal('t1', 'test');
    await quota.admit(testKey, PRODUCT_READ);
    await quota.admit(testKey, PRODUCT_READ);
    await expect(quota.admit(testKey, PRODUCT_READ)).rejects.toThrow(QuotaExceededError);
    expect(testLedger.used).toBe(2);
    expect(ledger.used).toBe(0);
    expect(alerts).toEqual([]);
    expect(await quota.usage(testKey)).toEqual({ used: 2, limit: 2, remaining: 0 });
    // The live quota is untouched: a live key still has its 3 calls.
    await quota.admit(principal(), PRODUCT_READ);
    expect(alerts).toEqual([[1, 3]]);
  });

  it('answers usage uncounted, calls of one account sharing one read', async () => {
    const { quota, ledger } = setup({ limit: 3 });
    await quota.admit(principal(), PRODUCT_READ);
    const answers = await Promise.all([quota.usage(principal()), quota.usage(principal())]);
    expect(answers).toEqual([
      { used: 1, limit: 3, remaining: 2 },
      { used: 1, limit: 3, remaining: 2 },
    ]);
    expect(ledger.reads).toBe(1);
    expect(ledger.used).toBe(1);
  });
});
