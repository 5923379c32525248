import { keyRecord } from '../../test/key-record';
import { permissionForRequest } from './permission-for-request';
import { isPermitted } from './route-permission';

const key = keyRecord;

describe(permissionForRequest.name, () => {
  it('maps content calls to resource and action', () => {
    expect(permissionForRequest('GET', '/api/v1/content/product')).toEqual({
      kind: 'content',
      resource: 'product',
      action: 'read',
    });
    expect(permissionForRequest('HEAD', '/api/v1/content/product/p1?x=1')).toMatchObject({
      action: 'read',
    });
    expect(permissionForRequest('POST', '/api/v1/content/blogpost')).toMatchObject({
      resource: 'blogpost',
      action: 'create',
    });
    expect(permissionForRequest('PATCH', '/api/v1/content/product/1')).toMatchObject({
      action: 'update',
    });
    expect(permissionForRequest('PUT', '/api/v1/content/product/1')).toMatchObject({
      action: 'update',
    });
    expect(permissionForRequest('DELETE', '/api/v1/content/product/1')).toMatchObject({
      action: 'delete',
    });
  });

  it('maps content type calls and the auth context', () => {
    expect(permissionForRequest('POST', '/api/v1/internal/contenttype')).toEqual({
      kind: 'contenttype',
      action: 'create',
    });
    expect(permissionForRequest('GET', '/api/v1/internal/contenttype/product')).toEqual({
      kind: 'contenttype',
      action: 'read',
    });
    expect(permissionForRequest('GET', '/api/auth-context')).toEqual({ kind: 'any-key' });
    expect(permissionForRequest('OPTIONS', '/api/v1/content/product')).toBeNull();
  });
});

describe(isPermitted.name, () => {
  const reader = key({ rules: [{ resource: 'product', actions: ['read'] }] });

  it('follows the rules of a user key for content', () => {
    expect(isPermitted(reader, { kind: 'content', resource: 'product', action: 'read' })).toBe(
      true,
    );
    expect(isPermitted(reader, { kind: 'content', resource: 'product', action: 'create' })).toBe(
      false,
    );
    expect(isPermitted(reader, { kind: 'content', resource: 'blogpost', action: 'read' })).toBe(
      false,
    );
    expect(
      isPermitted(key({ rules: [{ resource: '*', actions: ['delete'] }] }), {
        kind: 'content',
        resource: 'x',
        action: 'delete',
      }),
    ).toBe(true);
  });

  it('lets read-write application and administration keys manage content types, read-only keys read them', () => {
    const create = { kind: 'contenttype', action: 'create' } as const;
    const read = { kind: 'contenttype', action: 'read' } as const;
    expect(isPermitted(key({ kind: 'application', access: 'read-write' }), create)).toBe(true);
    expect(isPermitted(key({ kind: 'application', access: 'read-only' }), create)).toBe(false);
    expect(isPermitted(key({ kind: 'application', access: 'read-only' }), read)).toBe(true);
    expect(isPermitted(key({ type: 'administration' }), create)).toBe(true);
    expect(isPermitted(key({ type: 'standard' }), read)).toBe(false);
  });
});
