import { request as httpRequest } from 'node:http';
import { RunningGateway, SystemHarness, rawCall, withKey } from '../system.harness';

/** Nothing that authenticates a caller to Keygate reaches the upstream, and no client can pose as a proxy. */
describe('gateway credentials and forwarded headers (security)', () => {
  const system = new SystemHarness();
  let secret: string;
  let behindProxy: RunningGateway;

  beforeAll(async () => {
    await system.start();
    secret = (await system.openAccount('Creds')).applicationKeys[0].secret;
    behindProxy = await system.startGateway({ TRUSTED_PROXIES: '127.0.0.1' });
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());

  it.each([
    'auth_token',
    'auth%5Ftoken',
    'auth%5ftoken',
    '%61uth_token',
    '%61%75%74%68%5f%74%6f%6b%65%6e',
  ])('authenticates ?%s=<key> and forwards neither it nor a changed query', async (name) => {
    const { status, body } = await rawCall(
      system.gateways[0].url,
      `/api/v1/content/product?q=a%20b&flag&${name}=${secret}&x=1+2`,
    );
    expect(status).toBe(200);
    expect(body.url).toBe('/api/v1/content/product?q=a%20b&flag&x=1+2');
    expect(JSON.stringify(body)).not.toContain(secret.slice(6));
  });

  it('never forwards key headers or the Panel session cookie', async () => {
    const { status, body } = await rawCall(system.gateways[0].url, '/api/v1/content/product', {
      headers: {
        authorization: `Bearer ${secret}`,
        'x-auth-token': secret,
        'api-key': secret,
        cookie: 'theme=dark; kg_session=panel-session-token; lang=en',
      },
    });
    expect(status).toBe(200);
    expect(body.headers.cookie).toBe('theme=dark; lang=en');
    expect(JSON.stringify(body)).not.toContain(secret.slice(6));
    expect(JSON.stringify(body)).not.toContain('panel-session-token');
  });

  it('drops hop-by-hop headers and those the client names in Connection', async () => {
    const { body } = await rawCall(system.gateways[0].url, '/api/v1/content/product', {
      headers: {
        ...withKey(secret),
        connection: 'keep-alive, x-internal-hop',
        'x-internal-hop': 'secret-hop',
        'proxy-authorization': 'Basic abc',
        te: 'trailers',
        'x-kept': 'yes',
      },
    });
    expect(body.headers['x-internal-hop']).toBeUndefined();
    expect(body.headers['proxy-authorization']).toBeUndefined();
    expect(body.headers.te).toBeUndefined();
    expect(body.headers['x-kept']).toBe('yes');
  });

  it('sets X-Forwarded-* itself and ignores forwarding headers from a client that is no proxy', async () => {
    const { body } = await rawCall(system.gateways[0].url, '/api/v1/content/product', {
      headers: {
        ...withKey(secret),
        host: 'api.example.com',
        'x-forwarded-for': '6.6.6.6',
        'x-real-ip': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
      },
    });
    expect(body.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(body.headers['x-forwarded-proto']).toBe('http');
    expect(body.headers['x-forwarded-host']).toBe('api.example.com');
    expect(body.headers['x-real-ip']).toBeUndefined();
    expect(body.headers.forwarded).toBeUndefined();
  });

  it('passes forwarding headers on from a trusted proxy', async () => {
    const { body } = await rawCall(behindProxy.url, '/api/v1/content/product', {
      headers: {
        ...withKey(secret),
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'api.example.com',
        'x-real-ip': '203.0.113.9',
      },
    });
    expect(body.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(body.headers['x-forwarded-proto']).toBe('https');
    expect(body.headers['x-forwarded-host']).toBe('api.example.com');
    expect(body.headers['x-real-ip']).toBe('203.0.113.9');
  });

  it('answers Expect: 100-continue, forwards the body and counts the call once', async () => {
    const before = await system.remainingCalls(secret);
    const { hostname, port } = new URL(system.gateways[0].url);
    const payload = JSON.stringify({ name: 'Chair' });
    const answer = await new Promise<{ status: number; body: string; continued: boolean }>(
      (resolve, reject) => {
        let continued = false;
        const outgoing = httpRequest({
          host: hostname,
          port,
          method: 'POST',
          path: '/api/v1/content/product',
          headers: {
            ...withKey(secret),
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            expect: '100-continue',
          },
        });
        outgoing.on('continue', () => {
          continued = true;
          outgoing.end(payload);
        });
        outgoing.on('response', (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: text, continued }),
          );
        });
        outgoing.on('error', reject);
        outgoing.flushHeaders();
      },
    );
    expect(answer.continued).toBe(true);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ method: 'POST', body: payload });
    expect(JSON.parse(answer.body).headers.expect).toBeUndefined();
    // Our POST and the remainingCalls() read after it: two calls.
    expect(await system.remainingCalls(secret)).toBe(before - 2);
  });
});
