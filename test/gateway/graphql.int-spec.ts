import { OpenedAccount } from '@keygate/contracts';
import { SystemHarness, withKey } from '../system.harness';

describe('GraphQL at /api/graphql: the same rules, by root field', () => {
  const system = new SystemHarness();
  let opened: OpenedAccount;
  let reader: string;
  let writer: string;

  beforeAll(async () => {
    await system.start(1);
    opened = await system.openAccount('GraphQL');
    reader = (await system.createKey(opened.account.id)).secret; // product: [read]
    writer = (
      await system.createKey(opened.account.id, {
        name: 'writer',
        rules: [{ resource: 'product', actions: ['read', 'create'] }],
      })
    ).secret;
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());

  const graphql = (secret: string | null, body: unknown, contentType = 'application/json') =>
    system.call('/api/graphql', {
      method: 'POST',
      headers: { 'content-type': contentType, ...(secret ? withKey(secret) : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('forwards a permitted query as it came, metered', async () => {
    const body = {
      query: 'query Q($id: String) { product(id: $id) { name } productList { total } }',
      variables: { id: '7' },
    };
    const answer = await graphql(reader, body);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ method: 'POST', url: '/api/graphql' });
    expect(JSON.parse(answer.body.body)).toEqual(body);
    expect(answer.body.headers['x-auth-token']).toBeUndefined();
    expect(answer.headers.get('ratelimit-limit')).toBe('100000');

    const viaGet = await system.call(
      `/api/graphql?query=${encodeURIComponent('{ product { id } }')}`,
      { headers: withKey(reader) },
    );
    expect(viaGet.status).toBe(200);
    const raw = await graphql(reader, '{ __typename product { id } }', 'application/graphql');
    expect(raw.status).toBe(200);
  });

  it('refuses root fields the key has no rule for, naming the permission', async () => {
    const other = await graphql(reader, { query: '{ product { id } author { id } }' });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('author:read');
    const mutation = await graphql(reader, {
      query: 'mutation { createProduct(data: {}) { id } }',
    });
    expect(mutation.status).toBe(403);
    expect(mutation.body.error.message).toContain('product:create');
    expect(
      (await graphql(writer, { query: 'mutation { createProduct(data: {}) { id } }' })).status,
    ).toBe(200);
    expect(
      (await graphql(writer, { query: 'mutation { deleteProduct(id: "1") { id } }' })).status,
    ).toBe(403);
  });

  it('answers 401 without a key and 400 for what is not GraphQL', async () => {
    expect((await graphql(null, { query: '{ product { id } }' })).status).toBe(401);
    const broken = await graphql(reader, { query: '{ product { ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('VALIDATION_FAILED');
    expect(broken.body.error.fields[0].field).toBe('query');
    expect((await graphql(reader, 'not json')).status).toBe(400);
    expect(
      (await graphql(reader, { query: 'query A { product { id } } query B { product { id } }' }))
        .status,
    ).toBe(400);
  });
});
