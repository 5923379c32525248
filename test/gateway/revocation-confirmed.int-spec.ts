import { waitFor } from '@keygate/testing';
import { PanelClient } from '../panel/panel.client';
import { RunningGateway, SystemHarness, withKey } from '../system.harness';
import { PausableProxy } from './fixtures/pausable-proxy';

const OPERATOR_TOKEN = 'operator-token-for-the-revocation-spec';
const CALL = '/api/v1/content/product';

/**
 * A revoke answers once every live gateway refuses the key: two gateways, the second talking to
 * Redis through a proxy that can stall, as a gateway cut off by its network would.
 */
describe('revocation confirmed on every gateway', () => {
  const system = new SystemHarness({
    OPERATOR_TOKEN,
    REVOKE_CONFIRM_TIMEOUT_MS: '1000',
    GATEWAY_HEARTBEAT_MS: '1000',
  });
  let proxy: PausableProxy;
  let stalled: RunningGateway;

  beforeAll(async () => {
    await system.start(1);
    const redis = new URL(system.env.REDIS_URL);
    proxy = await new PausableProxy({ host: redis.hostname, port: Number(redis.port) }).start();
    stalled = await system.startGateway({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    await waitFor(async () => (await gateways()).filter((g) => g.live).length === 2, 10_000, 50);
  });
  afterAll(async () => {
    proxy?.resume();
    await system.stop();
    await proxy?.close();
  });

  const operator = (path: string, method = 'GET') =>
    system.call(`/operator/api${path}`, {
      method,
      headers: { 'x-operator-token': OPERATOR_TOKEN },
    });
  async function gateways(): Promise<Array<{ id: string; live: boolean; lagMs: number }>> {
    return (await operator('/gateways')).body.gateways;
  }
  const statuses = async (secret: string) =>
    Promise.all(
      system.gateways.map(
        async (gateway) => (await system.call(CALL, { headers: withKey(secret) }, gateway)).status,
      ),
    );
  async function keyInUse(client: PanelClient) {
    const created = await client.post('/keys', {
      name: 'reader',
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    await system.gatewaysCaughtUp();
    expect(await statuses(created.body.secret)).toEqual([200, 200]);
    return { id: created.body.key.id as string, secret: created.body.secret as string };
  }

  it('lists both gateways to the operator: live, caught up, with the keys they hold', async () => {
    const listed = await operator('/gateways');
    expect(listed.status).toBe(200);
    expect(listed.body.gateways).toHaveLength(2);
    for (const gateway of listed.body.gateways)
      expect(gateway).toMatchObject({
        id: expect.stringMatching(/^gw_/),
        live: true,
        lagMs: expect.any(Number),
        keysHeld: expect.any(Number),
        position: expect.stringMatching(/^\d+-\d+$/),
      });
    expect((await system.call('/operator/api/gateways')).status).toBe(401);
  });

  it('answers a revoke once both gateways refuse the key, each with when it applied it', async () => {
    const { client } = await PanelClient.signup(system, 'Confirmed Co');
    const key = await keyInUse(client);
    const asked = Date.now();
    const revoked = await client.post(`/keys/${key.id}/revoke`);
    console.log(`revoke answered, confirmed on both gateways, in ${Date.now() - asked} ms`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.key).toMatchObject({ id: key.id, status: 'revoked' });
    expect(revoked.body.propagation.confirmed).toBe(true);
    expect(revoked.body.propagation.gateways).toHaveLength(2);
    for (const gateway of revoked.body.propagation.gateways)
      expect(gateway).toMatchObject({ status: 'confirmed', appliedAt: expect.any(String) });
    // Confirmed means refused: no gateway serves it any more.
    expect(await statuses(key.secret)).toEqual([401, 401]);
  });

  it('names a stalled gateway pending, then confirmed once it has caught up', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Stalled Co');
    const key = await keyInUse(client);
    proxy.pause();
    let revoked;
    try {
      revoked = await client.post(`/keys/${key.id}/revoke`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.propagation.confirmed).toBe(false);
      const byStatus = Object.fromEntries(
        revoked.body.propagation.gateways.map((g: { id: string; status: string }) => [
          g.status,
          g.id,
        ]),
      );
      expect(Object.keys(byStatus).sort()).toEqual(['confirmed', 'pending']);
      expect(
        (await system.call(CALL, { headers: withKey(key.secret) }, system.gateways[0])).status,
      ).toBe(401);
    } finally {
      proxy.resume();
    }
    await waitFor(
      async () => (await client.get(`/keys/${key.id}/revocation`)).body.propagation.confirmed,
      10_000,
      50,
    );
    const later = await client.get(`/keys/${key.id}/revocation`);
    expect(later.body.propagation.gateways.map((g: { status: string }) => g.status)).toEqual([
      'confirmed',
      'confirmed',
    ]);
    expect(await statuses(key.secret)).toEqual([401, 401]);
    expect(stalled.url).toBeTruthy();
    // The same for the operator, who may revoke any account's key.
    const other = await keyInUse(client);
    const byOperator = await operator(
      `/accounts/${signup.body.account.id}/keys/${other.id}/revoke`,
      'POST',
    );
    expect(byOperator.status).toBe(200);
    expect(byOperator.body.propagation.confirmed).toBe(true);
  });

  it('answers 409 for the revocation of a key that is not revoked', async () => {
    const { client } = await PanelClient.signup(system, 'Active Co');
    const key = await keyInUse(client);
    const answer = await client.get(`/keys/${key.id}/revocation`);
    expect(answer.status).toBe(409);
  });

  it('refuses every key with 503 on a gateway cut from the stream past PROJECTION_MAX_STALENESS_SECONDS, and serves again once it hears from it', async () => {
    const redis = new URL(system.env.REDIS_URL);
    const link = await new PausableProxy({
      host: redis.hostname,
      port: Number(redis.port),
    }).start();
    const strict = await system.startGateway({
      REDIS_URL: `redis://127.0.0.1:${link.port}`,
      PROJECTION_MAX_STALENESS_SECONDS: '1',
    });
    try {
      const { client } = await PanelClient.signup(system, 'Strict Co');
      const created = await client.post('/keys', {
        name: 'reader',
        rules: [{ resource: 'product', actions: ['read'] }],
      });
      await system.gatewaysCaughtUp();
      const call = () => system.call(CALL, { headers: withKey(created.body.secret) }, strict);
      expect((await call()).status).toBe(200);
      link.pause();
      await waitFor(async () => (await call()).status === 503, 10_000, 100);
      const refused = await call();
      expect(refused.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(refused.body.error.message).toMatch(/not heard from the key stream/);
      const health = await system.call('/health', {}, strict);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'stale', stalenessSeconds: expect.any(Number) });
      link.resume();
      await waitFor(async () => (await call()).status === 200, 10_000, 100);
      expect((await system.call('/health', {}, strict)).body.status).toBe('ok');
    } finally {
      link.resume();
      await system.stopGateway(strict);
      await link.close();
    }
  });
});
