import { SystemHarness } from '../system.harness';

describe('API docs at /docs', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start(1));
  afterAll(() => system.stop());

  it('serves one OpenAPI document of the public, Panel and Operator APIs, and Swagger UI', async () => {
    const doc = await system.call('/docs-json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/api/auth-context',
      '/api/v1/content/{resource}',
      '/api/v1/internal/contenttype',
      '/panel/api/signup',
      '/panel/api/login',
      '/panel/api/keys',
      '/panel/api/keys/{id}/rotate',
      '/panel/api/keys/{id}/openapi.json',
      '/panel/api/usage',
      '/panel/api/audit',
      '/operator/api/accounts/{id}/plan',
    ])
      expect(paths).toContain(path);
    const createKey = doc.body.paths['/panel/api/keys'].post;
    expect(createKey.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'rules',
    ]);
    expect(Object.keys(doc.body.components.securitySchemes)).toEqual(
      expect.arrayContaining(['X-AUTH-TOKEN', 'session', 'operator']),
    );
    const ui = await system.call('/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });
});
