import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { waitFor } from '@keygate/testing';
const services = require('../../scripts/services');

/**
 * What issue 21's Cluster specs will stand on: scripts/services.js starts a six-node Redis
 * Cluster on loopback (three masters, a replica each) and its processes stop when told.
 */
describe('a Redis Cluster started by the project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-cluster-'));
  let cluster: { nodes: Array<{ pid: number; port: number }>; clusterNodes: string };
  let client: Redis;

  beforeAll(async () => {
    cluster = await services.startRedisCluster(dir);
    // One node's view (the Cluster client comes with issue 21's Cluster support).
    client = new Redis({ port: cluster.nodes[0].port });
  }, 60_000);
  afterAll(async () => {
    client?.disconnect();
    for (const { pid } of cluster?.nodes ?? [])
      if (services.isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('has three masters covering every slot, each with a replica, and spreads accounts across them', async () => {
    const nodes = String(await client.cluster('NODES'))
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[2]);
    expect(nodes.filter((flags) => flags.includes('master'))).toHaveLength(3);
    expect(nodes.filter((flags) => flags.includes('slave'))).toHaveLength(3);
    const info = String(await client.cluster('INFO'));
    expect(info).toMatch(/cluster_slots_assigned:16384/);
    // Keys tagged per account land on different masters, as the ledger's do.
    const slots = new Set<number>();
    for (let i = 0; i < 30; i++)
      slots.add(Number(await client.cluster('KEYSLOT', `{a:acc_${i}}:total`)));
    expect(slots.size).toBeGreaterThan(3);
    expect(cluster.clusterNodes.split(',')).toHaveLength(6);
  });

  it('stops: every node process ends when told', async () => {
    for (const { pid } of cluster.nodes) process.kill(pid, 'SIGTERM');
    await waitFor(() => cluster.nodes.every(({ pid }) => !services.isAlive(pid)), 5000, 50).catch(
      () => undefined,
    );
    expect(cluster.nodes.filter(({ pid }) => services.isAlive(pid))).toEqual([]);
  });
});
