import { startEchoUpstream } from '@keygate/testing';
import { PanelClient } from '../panel/panel.client';
import { SystemHarness, withKey } from '../system.harness';

const PRODUCTS = '/api/v1/content/product';
const PLANS = JSON.stringify({
  starter: { apiAccess: true, callLimit: 100, testCallLimit: 5, maxUserKeys: 5 },
});

/**
 * Test keys: a developer tries an integration without spending the live quota or touching live
 * data. Their calls go to UPSTREAM_TEST_URL, say so in a header, count in a window of their own,
 * and show apart in the dashboards.
 */
describe('test keys', () => {
  const overrides: Record<string, string> = { KEYGATE_PLANS: PLANS };
  const system = new SystemHarness(overrides, { usageService: true });
  let testUpstream: Awaited<ReturnType<typeof startEchoUpstream>>;

  beforeAll(async () => {
    testUpstream = await startEchoUpstream();
    overrides.UPSTREAM_TEST_URL = `${testUpstream.url}/sandbox`;
    await system.start(2);
  });
  afterAll(async () => {
    await system.stop();
    await testUpstream.close();
  });

  it('routes, counts and shows a test key apart, and it cannot exhaust the live quota', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Sandbox Co');
    // Each account gets a test application key pair beside the live one.
    const appKeys = signup.body.applicationKeys as Array<{
      environment: string;
      access: string;
      secret: string;
    }>;
    expect(appKeys.map((key) => `${key.environment} ${key.access}`)).toEqual([
      'live read-write',
      'live read-only',
      'test read-write',
      'test read-only',
    ]);
    expect(appKeys[0].secret).toMatch(/^kg_sk_/);
    expect(appKeys[2].secret).toMatch(/^kg_test_[0-9A-Za-z]{38}$/);

    const created = await client.post('/keys', {
      name: 'integration try-out',
      environment: 'test',
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^kg_test_/);
    expect(created.body.key).toMatchObject({
      environment: 'test',
      hint: expect.stringMatching(/^kg_test_/),
    });
    const testKey = withKey(created.body.secret);
    const liveKey = withKey(appKeys[1].secret);
    await system.gatewaysCaughtUp();

    // Routed: the test upstream, told so; a client cannot claim the environment itself.
    const tried = await system.call(PRODUCTS, {
      headers: { ...testKey, 'x-keygate-environment': 'live' },
    });
    expect(tried.status).toBe(200);
    expect(tried.body.url).toBe(`/sandbox${PRODUCTS}`);
    expect(tried.body.headers['x-keygate-environment']).toBe('test');
    const live = await system.call(PRODUCTS, {
      headers: { ...liveKey, 'x-keygate-environment': 'test' },
    });
    expect(live.body.url).toBe(PRODUCTS);
    expect(live.body.headers['x-keygate-environment']).toBeUndefined();
    expect(live.headers.get('ratelimit-remaining')).toBe('99');

    // Counted in a window of its own: 5 test calls, on either gateway, then 429.
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await system.call(PRODUCTS, { headers: testKey }, system.gateways[i % 2])).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const exhausted = await system.call(PRODUCTS, { headers: testKey });
    expect(exhausted.body.error.code).toBe('QUOTA_EXCEEDED');
    // The live quota did not move, and live calls still pass.
    const afterwards = await system.call(PRODUCTS, { headers: liveKey });
    expect(afterwards.status).toBe(200);
    expect(afterwards.headers.get('ratelimit-remaining')).toBe('98');

    // The key says what it is wherever it is read.
    const context = await system.call('/api/auth-context', { headers: testKey });
    expect(context.body.key.environment).toBe('test');
    expect(context.body.usage).toMatchObject({ limit: 5, used: 5, remaining: 0 });

    // Shown apart: the account's dashboard counts test calls under `test`.
    const usage = await client.get('/usage');
    expect(usage.body).toMatchObject({ limit: 100, used: 2, test: { limit: 5, used: 5 } });
    const keyUsage = await client.get(`/usage/keys/${created.body.key.id}`);
    expect(keyUsage.body).toMatchObject({ environment: 'test', limit: 5, used: 5 });
    const listed = await client.get('/keys');
    const row = listed.body.keys.find((k: { id: string }) => k.id === created.body.key.id);
    expect(row).toMatchObject({ environment: 'test', callsLast30Days: 5 });

    // Its decisions are read as any key's: five admitted product reads, one quota refusal (at least).
    const summary = await client.get(`/keys/${created.body.key.id}/decisions/summary`);
    expect(summary.body.counts).toContainEqual({
      resource: 'product',
      action: 'read',
      outcome: 'admitted',
      calls: 5,
    });

    // A rotated test key stays a test key.
    const rotated = await client.post(`/keys/${created.body.key.id}/rotate`, {});
    expect(rotated.body.secret).toMatch(/^kg_test_/);
  });
});
