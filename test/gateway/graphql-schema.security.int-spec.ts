import { createServer, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CLOCK } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { RunningGateway, SystemHarness, withKey } from '../system.harness';

/**
 * The sample upstream behind a switch: while `failing`, its GraphQL introspection answers 503
 * (the queries themselves still go through), as an upstream in trouble or under attack would.
 */
async function switchableUpstream(target: string) {
  const state = { failing: false, introspections: 0 };
  const server: Server = createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.includes('__schema')) {
        state.introspections++;
        if (state.failing) {
          answer.writeHead(503).end();
          return;
        }
      }
      const { hostname, port } = new URL(target);
      const onward = httpRequest(
        {
          host: hostname,
          port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (reply) => {
          answer.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(answer);
        },
      );
      onward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** GraphQL relation checks never fall back to less than the last schema that loaded. */
describe('GraphQL schemas fail closed (security)', () => {
  const system = new SystemHarness({}, { upstream: 'sample' });
  const clock = new ManualClock();
  let upstream: Awaited<ReturnType<typeof switchableUpstream>>;
  let gateway: RunningGateway;
  let productReader: string;
  let everythingReader: string;

  beforeAll(async () => {
    await system.start(1);
    upstream = await switchableUpstream(system.env.UPSTREAM_URL);
    gateway = await system.startGateway({ UPSTREAM_URL: upstream.url }, [
      { provide: CLOCK, useValue: clock },
    ]);
    const { account } = await system.openAccount('GraphQL schemas', 'pro');
    productReader = (
      await system.createKey(account.id, {
        name: 'products',
        rules: [{ resource: 'product', actions: ['read'] }],
      })
    ).secret;
    everythingReader = (
      await system.createKey(account.id, {
        name: 'all',
        rules: [{ resource: '*', actions: ['read'] }],
      })
    ).secret;
    await system.gatewaysCaughtUp();
  });
  afterAll(async () => {
    await system.stop();
    await upstream.close();
  });

  const graphql = (secret: string, query: string) =>
    system.call(
      '/api/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...withKey(secret) },
        body: JSON.stringify({ query }),
      },
      gateway,
    );
  const relation = '{ product(id: "product-1") { name categories { id name } } }';

  it('keeps the last good schema when a reload forced by an unknown field fails', async () => {
    expect((await graphql(productReader, relation)).status).toBe(403);
    upstream.state.failing = true;
    const before = upstream.state.introspections;
    clock.advance(6_000); // past the forced-reload spacing
    const unknown = await graphql(productReader, '{ product(id: "product-1") { secrets { id } } }');
    expect(unknown.status).toBe(400);
    expect(upstream.state.introspections).toBe(before + 1); // the reload was tried, and failed
    const again = await graphql(productReader, relation);
    expect(again.status).toBe(403);
    expect(again.body.error.message).toContain('category:read');
  });

  it('keeps the last good schema past its time to live while reloads fail', async () => {
    upstream.state.failing = true;
    const before = upstream.state.introspections;
    clock.advance(120_000); // past UPSTREAM_GRAPHQL_SCHEMA_TTL_SECONDS
    expect((await graphql(productReader, relation)).status).toBe(403);
    await graphql(productReader, '{ product(id: "product-1") { name } }');
    expect(upstream.state.introspections).toBeGreaterThan(before);
    expect((await graphql(productReader, relation)).status).toBe(403);
  });

  it('answers 503 to a scoped key while no schema has ever loaded, and lets a key that reads every type through', async () => {
    upstream.state.failing = true;
    const fresh = await system.startGateway({ UPSTREAM_URL: upstream.url });
    try {
      const scoped = await system.call(
        '/api/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...withKey(productReader) },
          body: JSON.stringify({ query: relation }),
        },
        fresh,
      );
      expect(scoped.status).toBe(503);
      expect(scoped.body.error.code).toBe('GRAPHQL_SCHEMA_UNAVAILABLE');
      expect(scoped.headers.get('retry-after')).toMatch(/^\d+$/);
      const everything = await system.call(
        '/api/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...withKey(everythingReader) },
          body: JSON.stringify({ query: relation }),
        },
        fresh,
      );
      expect(everything.status).toBe(200);
      expect(everything.body.data.product.categories.length).toBeGreaterThan(0);
    } finally {
      await system.stopGateway(fresh);
    }
  });
});
