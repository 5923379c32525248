import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayIndexOf } from '@keygate/usage';
import { waitFor } from '@keygate/testing';
import { QuotaAdmission } from '../../apps/gateway/src/quota/quota-admission';
import { SystemHarness, withKey } from '../system.harness';

interface StartedRedis {
  pid: number;
  port: number;
  url: string;
}
const services = require('../../scripts/services') as {
  startRedis(dir: string, persistent: boolean, port?: number): Promise<StartedRedis>;
  isAlive(pid: number): boolean;
};

describe('quota counting through a Redis outage (fail-open)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-outage-'));
  let redis: StartedRedis;
  let system: SystemHarness;

  const stopRedis = async () => {
    process.kill(redis.pid, 'SIGTERM');
    await waitFor(() => !services.isAlive(redis.pid), 10_000, 20);
  };

  beforeAll(async () => {
    redis = await services.startRedis(dir, true);
    system = new SystemHarness({ REDIS_URL: redis.url });
    await system.start(1);
  });
  afterAll(async () => {
    await system.stop();
    if (services.isAlive(redis.pid)) await stopRedis();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving cached keys, then replays every admitted call exactly once', async () => {
    const opened = await system.openAccount('Outage');
    await system.gatewaysCaughtUp();
    const secret = opened.applicationKeys[0].secret;
    const calls = async (n: number) => {
      const statuses = [];
      for (let i = 0; i < n; i++)
        statuses.push(
          (await system.call('/api/v1/content/product', { headers: withKey(secret) })).status,
        );
      return statuses;
    };
    const ledgerTotal = async () => {
      const ledger = system.ledger();
      return [
        ...(await ledger.windowCounts(opened.account.id, dayIndexOf(Date.now()))).values(),
      ].reduce((a, b) => a + b, 0);
    };

    expect(await calls(50)).toEqual(Array(50).fill(200));
    await stopRedis();
    expect(await calls(30)).toEqual(Array(30).fill(200));
    redis = await services.startRedis(dir, true, redis.port);
    await waitFor(async () => (await ledgerTotal().catch(() => -1)) === 80, 15_000, 100);
    expect(await calls(20)).toEqual(Array(20).fill(200));
    expect(await ledgerTotal()).toBe(100);
    // Nothing left to replay (the gateway's buffer is empty), and nothing replayed twice.
    const admission = system.gateways[0].app.get(QuotaAdmission);
    await waitFor(() => admission.bufferedSteps === 0, 10_000);
    expect(await ledgerTotal()).toBe(100);
  });
});
