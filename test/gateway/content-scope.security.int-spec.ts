import { SystemHarness, rawCall, withKey } from '../system.harness';

/**
 * A `product: [read]` key tries to reach other content types through search and hydration, with
 * the parameter spellings different upstream frameworks read (PHP turns `content.type[]` into
 * `content_type[]`, others ignore case or take `content_type[0]`).
 */
describe('A scoped key reaches nothing else through search or hydration', () => {
  describe('against the sample content API', () => {
    const system = new SystemHarness({}, { upstream: 'sample' });
    let reader: string;

    beforeAll(async () => {
      await system.start(1);
      const opened = await system.openAccount('Scope', 'pro');
      reader = (await system.createKey(opened.account.id)).secret;
      await system.gatewaysCaughtUp();
    });
    afterAll(() => system.stop());

    const get = (path: string) =>
      rawCall(system.gateways[0].url, path, { headers: withKey(reader) });

    it.each([
      'content_type[]=category',
      'content_type%5B%5D=category',
      'content_type=category',
      'content_type[0]=category',
      'content.type[]=category',
      'content%20type[]=category',
      'CONTENT_TYPE[]=category',
      'contentType=category',
      'content_type[]=product,category',
      'content_type[]=product&content_type[]=category',
    ])('refuses a search naming a type it may not read: ?q=a&%s', async (parameter) => {
      const answer = await get(`/api/v1/search?q=a&${parameter}`);
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(answer.body.error.message).toContain('category:read');
    });

    it('narrows a search that names no type to the types it may read', async () => {
      const answer = await get('/api/v1/search?q=o&limit=100');
      expect(answer.status).toBe(200);
      const types = answer.body.data.map(
        (record: { item: { internal: { contentType: string } } }) =>
          record.item.internal.contentType,
      );
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['product']));
    });

    it.each(['hydrate=1', 'hydrate=2', 'hy%64rate=1', 'Hydrate=1', 'hydrate[]=1'])(
      'never returns an embedded category: /api/v1/content/product/product-1?%s',
      async (parameter) => {
        const answer = await get(`/api/v1/content/product/product-1?${parameter}`);
        expect(answer.status).toBe(200);
        expect(answer.body.categories).toEqual([
          { dataUrl: '/api/v1/content/category/category-1', type: 'internal' },
        ]);
      },
    );

    it.each(['hydrate=3', 'hydrate=yes', 'hydrate=1&hydrate=2', 'hydrate=1&HYDRATE=2'])(
      'refuses a hydration it cannot vouch for: ?%s',
      async (parameter) => {
        const answer = await get(`/api/v1/content/product?${parameter}`);
        expect(answer.status).toBe(400);
        expect(answer.body.error.fields[0].field).toBe('hydrate');
      },
    );

    it('search with hydration keeps relations of other types as references', async () => {
      const answer = await get('/api/v1/search?q=rake&hydrate=1');
      expect(answer.status).toBe(200);
      expect(answer.body.data[0].item.categories).toEqual([
        { dataUrl: '/api/v1/content/category/category-1', type: 'internal' },
        { dataUrl: '/api/v1/content/category/category-2', type: 'internal' },
      ]);
    });
  });

  describe('what the upstream receives', () => {
    const system = new SystemHarness();
    let reader: string;
    let application: string;

    beforeAll(async () => {
      await system.start(1);
      const opened = await system.openAccount('Scope echo', 'pro');
      application = opened.applicationKeys[0].secret;
      reader = (
        await system.createKey(opened.account.id, {
          rules: [
            { resource: 'product', actions: ['read'] },
            { resource: 'blog_post', actions: ['read'] },
          ],
        })
      ).secret;
      await system.gatewaysCaughtUp();
    });
    afterAll(() => system.stop());

    const forwardedUrl = async (secret: string, path: string) => {
      const answer = await rawCall(system.gateways[0].url, path, { headers: withKey(secret) });
      expect(answer.status).toBe(200);
      return answer.body.url as string;
    };

    it('a scoped search names exactly the types it may read, once each', async () => {
      expect(await forwardedUrl(reader, '/api/v1/search?q=a&page=2')).toBe(
        '/api/v1/search?q=a&page=2&content_type%5B%5D=product&content_type%5B%5D=blog_post',
      );
      expect(
        await forwardedUrl(
          reader,
          '/api/v1/search?content_type=product&q=a&content_type[]=product',
        ),
      ).toBe('/api/v1/search?q=a&content_type%5B%5D=product');
    });

    it('an application key searches as it asked', async () => {
      expect(await forwardedUrl(application, '/api/v1/search?q=a&content_type[]=x')).toBe(
        '/api/v1/search?q=a&content_type[]=x',
      );
    });

    it('hydration is asked for in one spelling only', async () => {
      expect(await forwardedUrl(reader, '/api/v1/content/product?HY%44RATE[]=2&limit=5')).toBe(
        '/api/v1/content/product?limit=5&hydrate=2',
      );
      expect(await forwardedUrl(reader, '/api/v1/content/product?hydrate=0&limit=5')).toBe(
        '/api/v1/content/product?limit=5',
      );
    });
  });
});
