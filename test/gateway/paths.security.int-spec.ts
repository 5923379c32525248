import { RunningGateway, SystemHarness, rawCall, withKey } from '../system.harness';

/**
 * What a `product` key can reach through unusual paths: the gateway authorizes one canonical
 * form of the target and forwards exactly that, or refuses with 400 INVALID_PATH, counting nothing.
 */
describe('gateway paths (security)', () => {
  const system = new SystemHarness();
  let reader: string;
  let creator: string;
  let underBase: RunningGateway;

  beforeAll(async () => {
    await system.start();
    const { account } = await system.openAccount('Paths');
    reader = (await system.createKey(account.id)).secret;
    creator = (
      await system.createKey(account.id, {
        rules: [{ resource: 'product', actions: ['read', 'create'] }],
      })
    ).secret;
    underBase = await system.startGateway({ UPSTREAM_URL: `${system.env.UPSTREAM_URL}/base` });
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());

  it.each([
    '/api/v1/content/product/../blogpost',
    '/api/v1/content/product/%2e%2e/blogpost',
    '/api/v1/content/product/.%2E/blogpost',
    '/api/v1/content/product/..\\blogpost',
    '/api/v1/content/product/..%5cblogpost',
    '/api/v1/content/product/..%2fblogpost',
    '/api/v1/content/product%2f..%2fblogpost',
    '/api/v1/content/product/%252e%252e/blogpost',
    '/api/v1/content/product/..;/blogpost',
    '/api/v1/content/product/./p1',
    '/api/v1/content/product/p%001',
    '/api/v1/content/product/p%0a1',
    '/api/v1/content/product/%zz',
    '/api/v1/content/product/../../../../anything',
  ])('refuses %s with 400 INVALID_PATH and counts nothing', async (path) => {
    const before = await system.remainingCalls(reader);
    const { status, body } = await rawCall(system.gateways[0].url, path, {
      headers: withKey(reader),
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_PATH');
    // The read in remainingCalls() counts one; the refused call nothing.
    expect(await system.remainingCalls(reader)).toBe(before - 1);
  });

  it('refuses a write that climbs into the content type definitions', async () => {
    const { status, body } = await rawCall(
      system.gateways[0].url,
      '/api/v1/content/product/../../internal/contenttype',
      {
        method: 'POST',
        headers: { ...withKey(creator), 'content-type': 'application/json' },
        body: '{"name":"product"}',
      },
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_PATH');
  });

  it('authorizes and forwards the decoded path, re-encoded one way', async () => {
    const { status, body } = await rawCall(
      system.gateways[0].url,
      '/api/v1/content/%70roduct/p%20%C3%A9;x=1?q=a%20b&flag',
      { headers: withKey(reader) },
    );
    expect(status).toBe(200);
    expect(body.url).toBe('/api/v1/content/product/p%20%C3%A9%3Bx=1?q=a%20b&flag');
    const blog = await rawCall(system.gateways[0].url, '/api/v1/content/%62logpost', {
      headers: withKey(reader),
    });
    expect(blog.status).toBe(403);
  });

  it('merges repeated slashes, as it authorized them', async () => {
    const { status, body } = await rawCall(
      system.gateways[0].url,
      '/api/v1/content//product//p1/',
      {
        headers: withKey(reader),
      },
    );
    expect(status).toBe(200);
    expect(body.url).toBe('/api/v1/content/product/p1/');
  });

  it('keeps every forwarded path under the base path of UPSTREAM_URL', async () => {
    const { status, body } = await rawCall(underBase.url, '/api/v1/content/product/p1', {
      headers: withKey(reader),
    });
    expect(status).toBe(200);
    expect(body.url).toBe('/base/api/v1/content/product/p1');
    const escape = await rawCall(underBase.url, '/api/v1/content/product/../../../../../x', {
      headers: withKey(reader),
    });
    expect(escape.status).toBe(400);
  });
});
