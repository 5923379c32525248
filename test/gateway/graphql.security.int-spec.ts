import { SystemHarness, withKey } from '../system.harness';

/** The operation the gateway checks is the one the upstream runs: no second copy anywhere. */
describe('GraphQL at /api/graphql (security)', () => {
  const system = new SystemHarness({ GRAPHQL_BODY_LIMIT_BYTES: '2048' });
  let reader: string;

  beforeAll(async () => {
    await system.start(1);
    const { account } = await system.openAccount('GraphQL security');
    reader = (await system.createKey(account.id)).secret; // product: [read]
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());

  const post = (path: string, body: string, contentType = 'application/json') =>
    system.call(path, {
      method: 'POST',
      headers: { 'content-type': contentType, ...withKey(reader) },
      body,
    });
  const permitted = JSON.stringify({ query: '{ productList { total } }' });

  it.each([
    ['query', '/api/graphql?query=%7BblogpostList%7Btotal%7D%7D'],
    ['operationName', '/api/graphql?operationName=Other'],
    ['variables', '/api/graphql?variables=%7B%7D'],
    ['extensions', '/api/graphql?%65xtensions=%7B%7D'],
  ])(
    'refuses a POST with %s in its URL (servers may prefer it to the body)',
    async (field, path) => {
      const { status, body } = await post(path, permitted);
      expect(status).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields[0].field).toBe(field);
    },
  );

  it('authorizes a GET from its URL, once', async () => {
    const ok = await system.call('/api/graphql?query=%7BproductList%7Btotal%7D%7D', {
      headers: withKey(reader),
    });
    expect(ok.status).toBe(200);
    const other = await system.call('/api/graphql?query=%7BblogpostList%7Btotal%7D%7D', {
      headers: withKey(reader),
    });
    expect(other.status).toBe(403);
    const twice = await system.call(
      '/api/graphql?query=%7BproductList%7Btotal%7D%7D&query=%7BblogpostList%7Btotal%7D%7D',
      { headers: withKey(reader) },
    );
    expect(twice.status).toBe(400);
  });

  it('reads a POST body only as JSON or application/graphql', async () => {
    const { status, body } = await post(
      '/api/graphql',
      permitted,
      'application/x-www-form-urlencoded',
    );
    expect(status).toBe(400);
    expect(body.error.fields[0].field).toBe('content-type');
  });

  it.each([
    ['operation', 'query A { productList { total } } query A { blogpostList { total } }', 'A'],
    [
      'fragment',
      'query A { ...F } fragment F on Query { productList { total } } fragment F on Query { blogpostList { total } }',
      'A',
    ],
  ])(
    'refuses a document with two %ss of one name (the upstream may run the other)',
    async (_kind, query, operationName) => {
      const { status, body } = await post('/api/graphql', JSON.stringify({ query, operationName }));
      expect(status).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields[0].field).toBe('query');
    },
  );

  it('answers 413 PAYLOAD_TOO_LARGE past GRAPHQL_BODY_LIMIT_BYTES', async () => {
    const big = JSON.stringify({ query: `{ productList { total } } # ${'x'.repeat(3000)}` });
    const { status, body } = await post('/api/graphql', big);
    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
