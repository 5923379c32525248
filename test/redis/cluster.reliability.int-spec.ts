import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyServicePattern } from '@keygate/contracts';
import { scanKeys } from '@keygate/connections';
import { waitFor } from '@keygate/testing';
import { LedgerKeyspace } from '@keygate/usage';
import { PanelClient } from '../panel/panel.client';
import { CallsUnderFailover } from './fixtures/calls-under-failover';
import { SystemHarness, withKey } from '../system.harness';
import {
  StartedCluster,
  clusterView,
  migrateSlot,
  ownerOf,
  slotOf,
} from './fixtures/cluster-topology';
const services = require('../../scripts/services');

const PLANS = { starter: { apiAccess: true, callLimit: 10_000_000, maxUserKeys: 20 } };
const CALL = '/api/v1/content/product';

/**
 * The whole system (key service, usage service, two gateways, the Panel) on a six-node Redis
 * Cluster started here on loopback (three masters, a replica each); then, while calls flow on
 * both gateways, one account's slot moved to another master, and that master SIGKILLed.
 */
describe('Keygate on a Redis Cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-cluster-'));
  let cluster: StartedCluster;
  let system: SystemHarness;
  let seed: number;

  beforeAll(async () => {
    cluster = await services.startRedisCluster(dir);
    seed = cluster.nodes[0].port;
    system = new SystemHarness(
      {
        REDIS_URL: cluster.url,
        KEYGATE_PLANS: JSON.stringify(PLANS),
        AUTH_FAILURE_LIMIT: '1000000',
      },
      { usageService: true },
    );
    await system.start(2);
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
    for (const { pid } of cluster?.nodes ?? [])
      if (services.isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const calls = () => new CallsUnderFailover(system);
  const statusesOn = (secret: string) => calls().statusesOn(secret);
  const accountSlot = (accountId: string) =>
    slotOf(seed, new LedgerKeyspace(system.env.KEYGATE_REDIS_NAMESPACE).tagOf(accountId));

  it('issues keys, admits calls on two gateways, signs a Panel user in and refuses a revoked key on both', async () => {
    expect((await clusterView(seed)).filter((node) => node.master)).toHaveLength(3);
    const opened = await system.openAccount('Cluster Co');
    const { secret, key } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    expect(await statusesOn(secret)).toEqual([200, 200]);
    expect(await system.remainingCalls(secret)).toBe(10_000_000 - 3);
    // A key under a rate limit and credits: the admission script's every kind of key, one slot.
    const limited = await system.createKey(opened.account.id, {
      rateLimits: [{ limit: 2, windowSeconds: 3600 }],
      credits: { remaining: 10 },
    });
    await system.gatewaysCaughtUp();
    const limitedStatuses = [];
    for (const gateway of [...system.gateways, system.gateways[0]])
      limitedStatuses.push(
        (await system.call(CALL, { headers: withKey(limited.secret) }, gateway)).status,
      );
    expect(limitedStatuses).toEqual([200, 200, 429]);
    const context = await system.call('/api/auth-context', { headers: withKey(limited.secret) });
    expect(context.body.credits.remaining).toBe(8);
    // The Panel's sessions and login counters (transactions over several keys) on the Cluster.
    const { client, email } = await PanelClient.signup(system, 'Cluster Panel Co');
    expect((await client.get('/keys')).status).toBe(200);
    const login = await client.post('/login', { email, password: 'correct horse battery' });
    expect(login.status).toBe(200);
    await system.send(KeyServicePattern.RevokeKey, { accountId: opened.account.id, keyId: key.id });
    await system.gatewaysCaughtUp();
    expect(await statusesOn(secret)).toEqual([401, 401]);
  });

  it('finds every account’s ledger keys on every master (SCAN per master), as rollups and housekeeping need', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const opened = await system.openAccount(`Spread ${i}`);
      const { secret } = await system.createKey(opened.account.id);
      ids.push(opened.account.id);
      await system.gatewaysCaughtUp();
      expect(await statusesOn(secret)).toEqual([200, 200]);
    }
    const masters = new Set<number>();
    for (const id of ids) masters.add((await ownerOf(seed, await accountSlot(id))).master.port);
    expect(masters.size).toBeGreaterThan(1);
    const keyspace = new LedgerKeyspace(system.env.KEYGATE_REDIS_NAMESPACE);
    const found = new Set<string>();
    for await (const page of scanKeys(system.redis, keyspace.everyKey, 100))
      for (const name of page) {
        const parsed = keyspace.parse(name);
        if (parsed?.kind === 'days') found.add(parsed.accountId);
      }
    expect(ids.filter((id) => !found.has(id))).toEqual([]);
  });

  it('moves an account’s slot to another master while calls flow: no caller sees an error, every call counted once', async () => {
    const opened = await system.openAccount('Moving Co');
    const { secret } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    const slot = await accountSlot(opened.account.id);
    const before = await ownerOf(seed, slot);
    const target = (await clusterView(seed)).find(
      (node) => node.master && !node.failed && node.port !== before.master.port,
    )!;

    const flow = calls().flow(secret);
    let moved = 0;
    try {
      await waitFor(() => flow.served.length >= 50, 10_000, 10);
      moved = await migrateSlot(slot, before.master.port, target.port);
      const movedAt = flow.served.length;
      await waitFor(() => flow.served.length >= movedAt + 100, 20_000, 10);
    } finally {
      await flow.stop();
    }
    expect((await ownerOf(seed, slot)).master.port).toBe(target.port);
    expect(moved).toBeGreaterThan(0);
    const ok = flow.served.filter((call) => call.status === 200).length;
    expect(flow.served.filter((call) => call.status !== 200)).toEqual([]);
    const counted = await calls().countedAfterReplay(opened.account.id, ok);
    const unadmitted = flow.served.filter((call) => !call.admitted).length;
    console.log(
      `slot ${slot} moved (${moved} keys) under load: ${ok} calls served, ${unadmitted} admitted without Redis and replayed, ${counted} counted`,
    );
    expect(counted).toBe(ok);
  });

  it('goes on through the death of the master holding an account: its replica promoted, a revoke refused on both gateways within a second of the takeover, every served call counted once', async () => {
    const opened = await system.openAccount('Failover Co');
    const { secret } = await system.createKey(opened.account.id);
    const doomed = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    const { master, replicas } = await ownerOf(seed, await accountSlot(opened.account.id));
    expect(replicas).toHaveLength(1);
    const victim = cluster.nodes.find((node) => node.port === master.port)!;
    const witness = cluster.nodes.find(
      (node) => node.port !== master.port && node.port !== replicas[0].port,
    )!;

    const flow = calls().flow(secret);
    let killedAt = 0;
    let promotedAt = 0;
    let revokedAt = 0;
    let refusedAt = 0;
    let doomedServed = 0;
    try {
      await waitFor(() => flow.served.length >= 50, 10_000, 10);
      process.kill(victim.pid, 'SIGKILL');
      killedAt = Date.now();
      const revoked = calls().revokeRetrying(opened.account.id, doomed.key.id);
      await waitFor(
        async () =>
          (await clusterView(witness.port)).some(
            (node) => node.port === replicas[0].port && node.master,
          ),
        30_000,
        50,
      );
      promotedAt = Date.now();
      await revoked;
      revokedAt = Date.now();
      doomedServed = await calls().untilRefusedOnBoth(doomed.secret);
      refusedAt = Date.now();
      await waitFor(() => flow.served.length >= 200 && Date.now() - promotedAt > 2000, 30_000, 50);
    } finally {
      await flow.stop();
    }

    const ok = flow.served.filter((call) => call.status === 200).length + doomedServed;
    expect(flow.served.filter((call) => call.status !== 200)).toEqual([]);
    const counted = await calls().countedAfterReplay(opened.account.id, ok);
    const unadmitted = flow.served.filter((call) => !call.admitted);
    const withoutAdmission = unadmitted.length
      ? unadmitted[unadmitted.length - 1].at - unadmitted[0].at
      : 0;
    console.log(
      `master :${master.port} killed; replica :${replicas[0].port} promoted after ${promotedAt - killedAt} ms; ` +
        `${unadmitted.length} calls admitted without Redis over ${withoutAdmission} ms and replayed; ` +
        `revoke answered ${revokedAt - promotedAt} ms and refused on both gateways ${refusedAt - promotedAt} ms after the promotion; ` +
        `${ok} calls served, ${counted} counted`,
    );
    expect(refusedAt - promotedAt).toBeLessThan(1000 + Math.max(0, revokedAt - promotedAt));
    expect(counted).toBe(ok);
  });
});
