import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { KeyServicePattern } from '@keygate/contracts';
import { waitFor } from '@keygate/testing';
import { SystemHarness } from '../system.harness';
import { CallsUnderFailover } from './fixtures/calls-under-failover';
const services = require('../../scripts/services');

interface SentinelSet {
  url: string;
  master: { pid: number; port: number };
  replica: { pid: number; port: number };
  sentinels: Array<{ pid: number; port: number }>;
  started: Array<{ pid: number }>;
}

const PLANS = { starter: { apiAccess: true, callLimit: 10_000_000, maxUserKeys: 20 } };

/**
 * The whole system (key service, usage service, two gateways, the Panel) on a Sentinel set
 * started here on loopback (one master, one replica, three sentinels), then the master SIGKILLed
 * while calls flow on both gateways.
 */
describe('Keygate on Redis Sentinel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-sentinel-'));
  let set: SentinelSet;
  let system: SystemHarness;
  let sentinel: Redis;

  const masterPort = async () =>
    Number(
      ((await sentinel.call('SENTINEL', 'get-master-addr-by-name', 'keygate')) as string[])[1],
    );

  beforeAll(async () => {
    set = await services.startSentinelSet(dir);
    const master = new Redis({ port: set.master.port, lazyConnect: true });
    await waitFor(
      async () => /slave0:.*state=online/.test(await master.info('replication')),
      15_000,
      50,
    );
    master.disconnect();
    sentinel = new Redis({ port: set.sentinels[0].port });
    system = new SystemHarness(
      { REDIS_URL: set.url, KEYGATE_PLANS: JSON.stringify(PLANS), AUTH_FAILURE_LIMIT: '1000000' },
      { usageService: true },
    );
    await system.start(2);
  }, 60_000);
  afterAll(async () => {
    await system?.stop();
    sentinel?.disconnect();
    for (const { pid } of set?.started ?? [])
      if (services.isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const calls = () => new CallsUnderFailover(system);

  it('issues keys, admits calls on two gateways and refuses a revoked key on both', async () => {
    const opened = await system.openAccount('Sentinel Co');
    const { secret, key } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    expect(await calls().statusesOn(secret)).toEqual([200, 200]);
    expect(await system.remainingCalls(secret)).toBe(10_000_000 - 3);
    await system.send(KeyServicePattern.RevokeKey, { accountId: opened.account.id, keyId: key.id });
    await system.gatewaysCaughtUp();
    expect(await calls().statusesOn(secret)).toEqual([401, 401]);
  });

  it('goes on through the master’s death: calls answered, the replica promoted, a revoke refused on both gateways soon after, every served call counted', async () => {
    const opened = await system.openAccount('Failover Co');
    const { secret } = await system.createKey(opened.account.id);
    const doomed = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    expect(await masterPort()).toBe(set.master.port);

    const failover = calls();
    const flow = failover.flow(secret);
    let killedAt = 0;
    let promotedAt = 0;
    let refusedAt = 0;
    let revokedAt = 0;
    let doomedServed = 0;
    try {
      await waitFor(() => flow.served.length >= 50, 10_000, 10);
      process.kill(set.master.pid, 'SIGKILL');
      killedAt = Date.now();
      const revoked = failover.revokeRetrying(opened.account.id, doomed.key.id);
      await waitFor(async () => (await masterPort()) === set.replica.port, 30_000, 50);
      promotedAt = Date.now();
      await revoked;
      revokedAt = Date.now();
      doomedServed = await failover.untilRefusedOnBoth(doomed.secret);
      refusedAt = Date.now();
      await waitFor(() => flow.served.length >= 200 && Date.now() - promotedAt > 2000, 30_000, 50);
    } finally {
      await flow.stop();
    }

    const ok = flow.served.filter((call) => call.status === 200).length + doomedServed;
    expect(flow.served.filter((call) => call.status !== 200)).toEqual([]);
    // The buffer of calls admitted while Redis was away is replayed once: the ledger comes to what was served.
    const counted = await failover.countedAfterReplay(opened.account.id, ok);
    console.log(
      `master killed; replica promoted after ${promotedAt - killedAt} ms; revoke answered ${revokedAt - promotedAt} ms and refused on both gateways ${refusedAt - promotedAt} ms after the promotion; ${ok} calls served, ${counted} counted`,
    );
    // Within a second of the promotion, or of the retried revoke's answer when that came later.
    expect(refusedAt - promotedAt).toBeLessThan(1000 + Math.max(0, revokedAt - promotedAt));
    expect(counted).toBe(ok);
  });
});
