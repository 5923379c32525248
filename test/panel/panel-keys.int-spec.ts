import { waitFor } from '@keygate/testing';
import { SystemHarness, withKey } from '../system.harness';
import { PanelClient } from './panel.client';

const PLANS = {
  free: { apiAccess: false, callLimit: 1000, maxUserKeys: 0 },
  small: { apiAccess: true, callLimit: 1000, maxUserKeys: 2 },
  pro: { apiAccess: true, callLimit: 1000000, maxUserKeys: 25 },
};
const OPERATOR_TOKEN = 'operator-token-for-tests-0001';
const productReader = {
  name: 'Product reader',
  rules: [{ resource: 'product', actions: ['read'] }],
};

describe('Panel API: keys, usage, audit, OpenAPI; Operator API', () => {
  const system = new SystemHarness(
    {
      KEYGATE_PLANS: JSON.stringify(PLANS),
      KEYGATE_DEFAULT_PLAN: 'small',
      OPERATOR_TOKEN,
      PUBLIC_URL: 'https://api.keygate.test/',
    },
    { usageService: true },
  );

  beforeAll(() => system.start(2));
  afterAll(() => system.stop());

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when the account’s key lease stays taken', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Busy Co');
    const lease = `${system.env.KEYGATE_REDIS_NAMESPACE}:lock:{a:${signup.body.account.id}}:user-keys`;
    await system.redis.set(lease, 'another-request', 'PX', 30_000);
    try {
      const busy = await client.post('/keys', productReader);
      expect(busy.status).toBe(503);
      expect(busy.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(busy.body.error.message).not.toContain('lock');
      expect(busy.headers.get('retry-after')).toBe('1');
    } finally {
      await system.redis.del(lease);
    }
    expect((await client.post('/keys', productReader)).status).toBe(201);
  });

  it('creates, lists, changes, rotates, revokes and deletes keys as the spec’s table says', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Keys Co');

    const created = await client.post('/keys', {
      ...productReader,
      allowedHosts: ['127.0.0.1'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^kg_sk_/);
    expect(created.body.key).toMatchObject({ kind: 'user', type: 'standard', status: 'active' });
    const keyId = created.body.key.id;

    await system.gatewaysCaughtUp();
    const call = await system.call('/api/v1/content/product', {
      headers: withKey(created.body.secret),
    });
    expect(call.status).toBe(200);

    const listed = await client.get('/keys');
    expect(listed.status).toBe(200);
    expect(listed.body.keys).toHaveLength(5); // two application key pairs (live, test) and it
    const line = listed.body.keys.find((k: { id: string }) => k.id === keyId);
    expect(line).toMatchObject({
      name: 'Product reader',
      hint: created.body.key.hint,
      status: 'active',
      callsLast30Days: 1,
      allowedHosts: ['127.0.0.1'],
    });
    expect(Date.parse(line.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|kg_sk_[0-9A-Za-z]{38}/);

    const patched = await client.patch(`/keys/${keyId}`, {
      name: 'Renamed',
      rules: [{ resource: 'product', actions: ['read', 'create'] }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.key).toMatchObject({ name: 'Renamed', version: 2 });
    const badPatch = await client.patch(`/keys/${keyId}`, {
      rules: [{ resource: 'x', actions: ['fly'] }],
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error.fields[0].field).toMatch(/^rules/);

    const rotated = await client.post(`/keys/${keyId}/rotate`, { gracePeriodSeconds: 0 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const badRotate = await client.post(`/keys/${keyId}/rotate`, { gracePeriodSeconds: 999999999 });
    expect(badRotate.status).toBe(400);

    const revoked = await client.post(`/keys/${keyId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.key.status).toBe('revoked');
    await system.gatewaysCaughtUp();
    expect(
      (await system.call('/api/v1/content/product', { headers: withKey(rotated.body.secret) }))
        .status,
    ).toBe(401);

    const appKeyId = signup.body.applicationKeys[0].id;
    const revokeApp = await client.post(`/keys/${appKeyId}/revoke`);
    expect(revokeApp.status).toBe(409);
    expect(revokeApp.body.error.code).toBe('NOT_ALLOWED');
    expect((await client.delete(`/keys/${appKeyId}`)).status).toBe(409);

    expect((await client.delete(`/keys/${keyId}`)).status).toBe(204);
    expect((await client.get('/keys')).body.keys).toHaveLength(4);
    expect((await client.get(`/keys/${keyId}`)).status).toBe(404);
  });

  it('answers 403 KEY_LIMIT_REACHED past the plan’s maxUserKeys, and 400 for a bad key', async () => {
    const { client } = await PanelClient.signup(system, 'Limit Co');
    const tooFar = await client.post('/keys', {
      ...productReader,
      expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
    });
    expect(tooFar.status).toBe(400);
    expect((await client.post('/keys', productReader)).status).toBe(201);
    expect((await client.post('/keys', productReader)).status).toBe(201);
    const third = await client.post('/keys', productReader);
    expect(third.status).toBe(403);
    expect(third.body.error.code).toBe('KEY_LIMIT_REACHED');
    const invalid = await client.post('/keys', {
      name: '',
      rules: 'all',
      expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'name',
      'rules',
    ]);
    expect((await client.get('/keys')).body.keys).toHaveLength(6); // nothing half-written
  });

  it('shows the account’s and each key’s 30-day usage', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Usage Co');
    await system.gatewaysCaughtUp();
    const [readWrite, readOnly] = signup.body.applicationKeys;
    for (let i = 0; i < 3; i++)
      await system.call('/api/v1/content/product', { headers: withKey(readWrite.secret) });
    await system.call('/api/v1/content/product', { headers: withKey(readOnly.secret) });

    const usage = await client.get('/usage');
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ windowDays: 30, limit: 1000, used: 4, remaining: 996 });
    expect(usage.body.days).toHaveLength(30);
    expect(usage.body.days[29].calls).toBe(4);
    expect(usage.body.dropOffs).toHaveLength(30);
    const perKey = await client.get(`/usage/keys/${readWrite.id}`);
    expect(perKey.body).toMatchObject({ used: 3 });
    const other = await PanelClient.signup(system, 'Other Co');
    expect((await other.client.get(`/usage/keys/${readWrite.id}`)).status).toBe(404);
  });

  it('keeps an audit log of who did what, from where, newest first, in pages', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Audit Co');
    const created = await client.post('/keys', productReader);
    await client.post(`/keys/${created.body.key.id}/revoke`);

    const first = await client.get('/audit?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.events.map((e: { action: string }) => e.action)).toEqual([
      'KeyRevoked',
      'KeyCreated',
    ]);
    expect(first.body.events[0]).toMatchObject({
      keyId: created.body.key.id,
      actor: { type: 'user', id: signup.body.user.id, email: signup.body.user.email },
      ip: '127.0.0.1',
    });
    expect(JSON.stringify(first.body)).not.toContain('secretHash');
    const rest = await client.get(`/audit?limit=10&cursor=${first.body.nextCursor}`);
    expect(rest.body.events.map((e: { action: string }) => e.action)).toEqual([
      'AccountOpened',
      'KeyCreated',
      'KeyCreated',
      'KeyCreated',
      'KeyCreated',
    ]);
    expect(rest.body.nextCursor).toBeNull();
    expect((await client.get('/audit?limit=0')).status).toBe(400);
  });

  it('serves an OpenAPI 3.1 document of just what a key may call', async () => {
    const { client, signup } = await PanelClient.signup(system, 'OpenAPI Co');
    const scoped = await client.post('/keys', {
      name: 'Blog writer',
      rules: [{ resource: 'blogpost', actions: ['read', 'update'] }],
    });
    const doc = await client.get(`/keys/${scoped.body.key.id}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/api/auth-context',
      '/api/graphql',
      '/api/v1/content/blogpost',
      '/api/v1/content/blogpost/{id}',
      '/api/v1/search',
    ]);
    expect(Object.keys(doc.body.paths['/api/v1/content/blogpost/{id}']).sort()).toEqual([
      'get',
      'patch',
      'put',
    ]);
    const app = await client.get(`/keys/${signup.body.applicationKeys[0].id}/openapi.json`);
    expect(Object.keys(app.body.paths)).toContain('/api/v1/internal/contenttype');
    expect(app.body.servers[0].url).toBe('https://api.keygate.test');
  });

  it('lets the operator read an account and change its plan, which reaches every gateway', async () => {
    const { signup } = await PanelClient.signup(system, 'Operator Co');
    const accountId = signup.body.account.id;
    const secret = signup.body.applicationKeys[0].secret;
    const operator = (method: string, path: string, token?: string, body?: unknown) =>
      system.call(`/operator/api${path}`, {
        method,
        headers: {
          ...(token ? { 'x-operator-token': token } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    expect((await operator('GET', `/accounts/${accountId}`)).status).toBe(401);
    expect(
      (await operator('GET', `/accounts/${accountId}`, 'wrong-token-wrong-token')).status,
    ).toBe(401);
    const read = await operator('GET', `/accounts/${accountId}`, OPERATOR_TOKEN);
    expect(read.status).toBe(200);
    expect(read.body.account).toMatchObject({ id: accountId, plan: 'small' });
    // A plan without testCallLimit gets the default, 1,000.
    expect(read.body.plan).toEqual({ name: 'small', testCallLimit: 1_000, ...PLANS.small });
    expect(
      (await operator('PUT', `/accounts/${accountId}/plan`, OPERATOR_TOKEN, { plan: 'gold' }))
        .status,
    ).toBe(400);

    const changed = await operator('PUT', `/accounts/${accountId}/plan`, OPERATOR_TOKEN, {
      plan: 'free',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.account.plan).toBe('free');
    await system.gatewaysCaughtUp();
    for (const gateway of system.gateways) {
      const refused = await system.call(
        '/api/v1/content/product',
        { headers: withKey(secret) },
        gateway,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/free/);
    }
    await operator('PUT', `/accounts/${accountId}/plan`, OPERATOR_TOKEN, { plan: 'pro' });
    await waitFor(
      async () =>
        (await system.call('/api/v1/content/product', { headers: withKey(secret) })).status === 200,
    );
  });
});
