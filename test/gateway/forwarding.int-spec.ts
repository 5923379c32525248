import { SystemHarness, withKey } from '../system.harness';

describe('gateway forwarding to the upstream', () => {
  const METRICS_TOKEN = 'metrics-token-for-this-spec';
  const system = new SystemHarness({ METRICS_TOKEN });
  let secret: string;
  let accountId: string;
  let keyId: string;

  beforeAll(async () => {
    await system.start();
    const opened = await system.openAccount('Forward');
    secret = opened.applicationKeys[0].secret;
    accountId = opened.account.id;
    keyId = opened.applicationKeys[0].key.id;
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());

  it('answers every call with an X-Request-Id, the client’s when valid, and sends the same upstream', async () => {
    const kept = await system.call('/api/v1/content/product', {
      headers: { ...withKey(secret), 'x-request-id': 'req_client-0001' },
    });
    expect(kept.headers.get('x-request-id')).toBe('req_client-0001');
    expect(kept.body.headers['x-request-id']).toBe('req_client-0001');
    const made = await system.call('/api/v1/content/product', {
      headers: { ...withKey(secret), 'x-request-id': 'not one token' },
    });
    const id = made.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.headers['x-request-id']).toBe(id);
    // Refusals carry one too: it is what a customer quotes when asking why.
    const refused = await system.call('/api/v1/content/product', {
      headers: { 'x-auth-token': 'kg_sk_nothing' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The gateway's own answers, and what the framework still serves (health, unknown paths).
    const context = await system.call('/api/auth-context', {
      headers: { ...withKey(secret), 'x-request-id': 'req_client-0002' },
    });
    expect(context.status).toBe(200);
    expect(context.headers.get('x-request-id')).toBe('req_client-0002');
    for (const path of ['/health', '/api/v2/nothing-here']) {
      const answer = await system.call(path, { headers: { 'x-request-id': 'req_client-0003' } });
      expect(answer.headers.get('x-request-id')).toBe('req_client-0003');
    }
  });

  it('forwards method, path, query, headers and body, without credentials, with the Keygate headers', async () => {
    const payload = JSON.stringify({ name: 'Chair', price: 120 });
    const { status, headers, body } = await system.call(
      '/api/v1/content/product/p-1?fields=name&sort=-price',
      {
        method: 'PATCH',
        headers: {
          ...withKey(secret),
          authorization: 'Bearer something',
          'api-key': 'x',
          'content-type': 'application/json',
          'x-custom': 'kept',
          'x-keygate-account': 'spoofed',
        },
        body: payload,
      },
    );
    expect(status).toBe(200);
    expect(headers.get('x-echo')).toBe('yes');
    expect(body).toMatchObject({
      method: 'PATCH',
      url: '/api/v1/content/product/p-1?fields=name&sort=-price',
      body: payload,
    });
    expect(body.headers).toMatchObject({
      'x-custom': 'kept',
      'content-type': 'application/json',
      'x-keygate-account': accountId,
      'x-keygate-key': keyId,
    });
    expect(body.headers['x-auth-token']).toBeUndefined();
    expect(body.headers.authorization).toBeUndefined();
    expect(body.headers['api-key']).toBeUndefined();
    expect(body.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('streams a large body through unchanged', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const { status, body } = await system.call('/api/v1/content/file', {
      method: 'POST',
      headers: { ...withKey(secret), 'content-type': 'application/octet-stream' },
      body: big,
    });
    expect(status).toBe(200);
    expect(body.body.length).toBe(big.length);
  });

  it('answers 502 UPSTREAM_UNAVAILABLE in the JSON error shape when the upstream is down', async () => {
    const down = await system.startGateway({ UPSTREAM_URL: 'http://127.0.0.1:9' });
    const { status, body } = await system.call(
      '/api/v1/content/product',
      { headers: withKey(secret) },
      down,
    );
    expect(status).toBe(502);
    expect(body).toEqual({
      success: false,
      error: { code: 'UPSTREAM_UNAVAILABLE', message: 'The upstream API did not answer' },
    });
    await system.stopGateway(down);
  });

  it('answers unknown routes with 404 in the same shape', async () => {
    const { status, body } = await system.call('/api/v2/whatever', { headers: withKey(secret) });
    expect(status).toBe(404);
    expect(body.success).toBe(false);
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('serves health and Prometheus metrics', async () => {
    const health = await system.call('/health');
    expect(health.body).toMatchObject({ status: 'ok', service: 'gateway' });
    expect((await system.call('/metrics')).status).toBe(401);
    expect(
      (
        await system.call('/metrics', {
          headers: { authorization: 'Bearer wrong-token-wrong-token' },
        })
      ).status,
    ).toBe(401);
    const metrics = await system.call('/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.body).toContain('keygate_gateway_requests_total{outcome="forwarded"}');
    expect(metrics.body).toContain('keygate_gateway_auth_seconds_bucket');
    expect(metrics.body).toContain('keygate_gateway_cached_keys');
    expect(metrics.body).toContain('keygate_gateway_projection_lag_seconds');
  });
});
