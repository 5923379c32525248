import { BaseObject, DataLink, Flotiq } from '@flotiq/flotiq-api-sdk';
import { OpenedAccount } from '@keygate/contracts';
import { SystemHarness } from '../system.harness';

type Product = BaseObject<'product'> & { name: string; price?: number; categories: unknown[] };

const reference = (type: string, id: string): DataLink => ({
  dataUrl: `/api/v1/content/${type}/${id}`,
  type: 'internal',
});

/**
 * Flotiq's own JS SDK, unchanged, pointed at the gateway with `apiUrl`, against the sample
 * upstream (Flotiq's content API in memory, seeded with products, categories and a blog post).
 */
describe("Flotiq's JS SDK through the gateway", () => {
  const system = new SystemHarness({}, { upstream: 'sample' });
  let opened: OpenedAccount;
  const sdk = (apiKey: string) => new Flotiq({ apiKey, apiUrl: system.gateways[0].url });
  const applicationKey = () =>
    opened.applicationKeys.find(({ key }) => key.access === 'read-write')!.secret;

  beforeAll(async () => {
    await system.start(1);
    opened = await system.openAccount('SDK', 'pro');
    await system.gatewaysCaughtUp();
    // The SDK prints every refused call to the console; the specs assert on what it throws.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(() => system.stop());

  describe('with the read-write application key', () => {
    it('creates, lists with filters and pages, gets, updates, patches and deletes', async () => {
      const api = sdk(applicationKey());
      const created = (await api.content.product.create({ name: 'Saw', price: 30 })) as Product;
      expect(created).toMatchObject({ name: 'Saw', internal: { contentType: 'product' } });

      const filtered = await api.content.product.list({
        filters: { name: { type: 'contains', filter: 'sa' } },
      });
      expect(filtered).toMatchObject({ total_count: 1, count: 1, current_page: 1 });
      expect(filtered.data[0].id).toBe(created.id);

      const second = await api.content.product.list({
        page: 2,
        limit: 1,
        orderBy: 'name',
        orderDirection: 'asc',
      });
      expect(second).toMatchObject({ total_count: 3, total_pages: 3, current_page: 2, count: 1 });
      expect(second.data[0].name).toBe('Rake');

      expect(await api.content.product.get(created.id)).toMatchObject({ name: 'Saw' });
      await api.content.product.update(created.id, { name: 'Handsaw' });
      expect(await api.content.product.get(created.id)).not.toHaveProperty('price');
      await api.content.product.patch(created.id, { price: 35 });
      expect(await api.content.product.get(created.id)).toMatchObject({
        name: 'Handsaw',
        price: 35,
      });
      await expect(api.content.product.delete(created.id)).resolves.toMatchObject({
        id: created.id,
      });
      await expect(api.content.product.get(created.id)).rejects.toThrow(/not found/);
    });

    it('hydrates relations one and two levels deep', async () => {
      const api = sdk(applicationKey());
      const product = await api.content.product.get('product-1', { hydrate: 1 });
      expect(product.categories).toEqual([
        expect.objectContaining({ id: 'category-1', name: 'Tools' }),
      ]);
      const post = await api.content.blogpost.get('blogpost-1', { hydrate: 2 });
      expect(post.products[0]).toMatchObject({
        id: 'product-1',
        categories: [{ id: 'category-1', name: 'Tools' }],
      });
      const list = await api.content.blogpost.list({ hydrate: 1 });
      expect(list.data[0].products[0].categories).toEqual([reference('category', 'category-1')]);
    });

    it('searches every content type', async () => {
      const found = await sdk(applicationKey()).search.query({ q: 'hammer' });
      expect(found.data.map((record) => record.item.internal.contentType).sort()).toEqual([
        'blogpost',
        'product',
      ]);
      expect(found).toMatchObject({ total_count: 2, summary: { aggregations: [] } });
    });
  });

  describe('with a product: [read] user key', () => {
    let api: Flotiq;
    beforeAll(async () => {
      api = sdk((await system.createKey(opened.account.id)).secret);
      await system.gatewaysCaughtUp();
    });

    it('reads products, and nothing else', async () => {
      expect((await api.content.product.list()).total_count).toBeGreaterThanOrEqual(2);
      expect(await api.content.product.get('product-2')).toMatchObject({ name: 'Rake' });
      await expect(api.content.category.list()).rejects.toThrow(/category:read/);
      await expect(api.content.blogpost.get('blogpost-1')).rejects.toThrow(/blogpost:read/);
      await expect(api.content.product.create({ name: 'Nail' })).rejects.toThrow(/product:create/);
    });

    it('gets relations of types it may not read as references, at every hydration level', async () => {
      const one = await api.content.product.get('product-2', { hydrate: 1 });
      expect(one.categories).toEqual([
        reference('category', 'category-1'),
        reference('category', 'category-2'),
      ]);
      const list = await api.content.product.list({ hydrate: 2 });
      for (const product of list.data)
        for (const category of product.categories)
          expect(Object.keys(category).sort()).toEqual(['dataUrl', 'type']);
    });

    it('searches products only, and is refused a search naming another type', async () => {
      const found = await api.search.query({ q: 'hammer' });
      expect(found.total_count).toBe(1);
      expect(found.data[0].item).toMatchObject({
        id: 'product-1',
        internal: { contentType: 'product' },
      });
      const viaType = await api.content.product.search({ q: 'rake' });
      expect(viaType.data.map((record) => record.item.id)).toEqual(['product-2']);
      await expect(api.search.query({ q: 'hammer', contentType: ['blogpost'] })).rejects.toThrow(
        /blogpost:read/,
      );
    });
  });

  it('hydrates, for a key that reads blog posts and products, the products but not their categories', async () => {
    const { secret } = await system.createKey(opened.account.id, {
      name: 'posts and products',
      rules: [
        { resource: 'blogpost', actions: ['read'] },
        { resource: 'product', actions: ['read'] },
      ],
    });
    await system.gatewaysCaughtUp();
    const post = await sdk(secret).content.blogpost.get('blogpost-1', { hydrate: 2 });
    expect(post.products[0]).toMatchObject({
      id: 'product-1',
      name: 'Hammer',
      categories: [reference('category', 'category-1')],
    });
  });
});
