import { SystemHarness, withKey } from '../system.harness';

/**
 * GraphQL relations, against the sample content API's real schema (loaded by introspection):
 * every field whose type is a content type is a read of that type, however it is reached.
 */
describe('GraphQL: nested relations follow the key’s rules', () => {
  const system = new SystemHarness({}, { upstream: 'sample' });
  let productReader: string;
  let catalogReader: string;
  let postAndProductReader: string;
  let productCreator: string;

  beforeAll(async () => {
    await system.start(1);
    const { account } = await system.openAccount('GraphQL relations', 'pro');
    const key = async (name: string, rules: Array<{ resource: string; actions: string[] }>) =>
      (await system.createKey(account.id, { name, rules })).secret;
    productReader = await key('products', [{ resource: 'product', actions: ['read'] }]);
    catalogReader = await key('catalog', [
      { resource: 'product', actions: ['read'] },
      { resource: 'category', actions: ['read'] },
    ]);
    postAndProductReader = await key('posts', [
      { resource: 'blogpost', actions: ['read'] },
      { resource: 'product', actions: ['read'] },
    ]);
    productCreator = await key('creator', [{ resource: 'product', actions: ['create'] }]);
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());

  const graphql = (secret: string, query: string) =>
    system.call('/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withKey(secret) },
      body: JSON.stringify({ query }),
    });

  it('allows a relation inside the key’s rules and answers it', async () => {
    const answer = await graphql(
      catalogReader,
      '{ product(id: "product-2") { name categories { name } } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.product).toEqual({
      name: 'Rake',
      categories: [{ name: 'Tools' }, { name: 'Garden' }],
    });
    const plain = await graphql(productReader, '{ productList { id name } }');
    expect(plain.status).toBe(200);
    expect(plain.body.data.productList.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['a nested field', '{ product(id: "product-1") { name categories { name } } }'],
    ['an alias', '{ p: product(id: "product-1") { c: categories { name } } }'],
    ['only __typename', '{ product(id: "product-1") { categories { __typename } } }'],
    [
      'a named fragment',
      '{ product(id: "product-1") { ...F } } fragment F on Product { categories { id } }',
    ],
    ['an inline fragment', '{ productList { ... on Product { categories { id } } } }'],
    [
      'a fragment inside a fragment',
      '{ ...Q } fragment Q on Query { productList { ...P } } fragment P on Product { categories { id } }',
    ],
  ])('refuses a relation outside the key’s rules through %s, naming it', async (_how, query) => {
    const answer = await graphql(productReader, query);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain('category:read');
  });

  it('checks relations two levels down', async () => {
    const query = '{ blogpost(id: "blogpost-1") { products { name categories { name } } } }';
    const answer = await graphql(postAndProductReader, query);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain('category:read');
    const allowed = await graphql(
      postAndProductReader,
      '{ blogpost(id: "blogpost-1") { title products { name } } }',
    );
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.blogpost.products).toEqual([{ name: 'Hammer' }]);
  });

  it('checks what a mutation returns', async () => {
    const refused = await graphql(
      productCreator,
      'mutation { createProduct(data: { name: "Nail" }) { id categories { name } } }',
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('category:read');
    const created = await graphql(
      productCreator,
      'mutation { createProduct(data: { name: "Nail" }) { id name } }',
    );
    expect(created.status).toBe(200);
    expect(created.body.data.createProduct.name).toBe('Nail');
  });

  it('refuses a field the upstream schema does not have, and allows introspection', async () => {
    const unknown = await graphql(productReader, '{ product(id: "product-1") { secrets { id } } }');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ field: 'query' });
    expect(unknown.body.error.fields[0].message).toContain('secrets');
    const introspection = await graphql(productReader, '{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(200);
  });
});
