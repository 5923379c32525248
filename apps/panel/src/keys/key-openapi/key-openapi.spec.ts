import { KeyView } from '@keygate/contracts';
import { keyOpenApi } from './key-openapi';

const base: KeyView = {
  id: 'key_1',
  accountId: 'acc_1',
  name: 'k',
  kind: 'user',
  access: null,
  type: 'standard',
  environment: 'live',
  rules: [],
  hint: 'kg_sk_abcd…wxyz',
  status: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: null,
  allowedHosts: [],
  rateLimits: [],
  meta: {},
  credits: null,
  version: 1,
};

const operations = (doc: Record<string, unknown>) =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

describe('keyOpenApi', () => {
  it('lists exactly a scoped user key’s operations', () => {
    const doc = keyOpenApi(
      {
        ...base,
        rules: [
          { resource: 'product', actions: ['read', 'create'] },
          { resource: 'blogpost', actions: ['delete'] },
        ],
      },
      'http://gw',
    );
    expect(doc.openapi).toBe('3.1.0');
    expect(operations(doc)).toEqual([
      'DELETE /api/v1/content/blogpost/{id}',
      'GET /api/auth-context',
      'GET /api/v1/content/product',
      'GET /api/v1/content/product/{id}',
      'GET /api/v1/search',
      'POST /api/graphql',
      'POST /api/v1/content/product',
    ]);
    const search = (doc.paths as Record<string, Record<string, { description: string }>>)[
      '/api/v1/search'
    ].get;
    expect(search.description).toContain('over product.');
  });

  it('lists no search for a key that reads nothing', () => {
    const doc = keyOpenApi(
      { ...base, rules: [{ resource: 'product', actions: ['create'] }] },
      'http://gw',
    );
    expect(operations(doc)).not.toContain('GET /api/v1/search');
  });

  it('gives a read-write application key every content and content type operation', () => {
    const doc = keyOpenApi(
      { ...base, kind: 'application', access: 'read-write', type: 'standard' },
      'http://gw',
    );
    expect(operations(doc)).toEqual([
      'DELETE /api/v1/content/{resource}/{id}',
      'DELETE /api/v1/internal/contenttype/{name}',
      'GET /api/auth-context',
      'GET /api/v1/content/{resource}',
      'GET /api/v1/content/{resource}/{id}',
      'GET /api/v1/internal/contenttype',
      'GET /api/v1/internal/contenttype/{name}',
      'GET /api/v1/search',
      'PATCH /api/v1/content/{resource}/{id}',
      'PATCH /api/v1/internal/contenttype/{name}',
      'POST /api/graphql',
      'POST /api/v1/content/{resource}',
      'POST /api/v1/internal/contenttype',
      'PUT /api/v1/content/{resource}/{id}',
      'PUT /api/v1/internal/contenttype/{name}',
    ]);
  });

  it('lets a read-only application key read, and an administration key manage content types', () => {
    const readOnly = keyOpenApi({ ...base, kind: 'application', access: 'read-only' }, 'http://gw');
    expect(
      operations(readOnly)
        .filter((op) => op !== 'POST /api/graphql')
        .every((op) => op.startsWith('GET')),
    ).toBe(true);
    const admin = keyOpenApi(
      { ...base, type: 'administration', rules: [{ resource: '*', actions: ['read'] }] },
      'http://gw',
    );
    expect(operations(admin)).toContain('POST /api/v1/internal/contenttype');
    expect(operations(admin)).toContain('GET /api/v1/content/{resource}');
  });
});
