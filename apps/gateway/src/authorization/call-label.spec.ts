import { callLabelOf, callUseOf } from './call-label';

describe(callUseOf.name, () => {
  it('names a content call by its content type and action', () => {
    expect(callUseOf('GET', '/api/v1/content/product/p1')).toEqual({
      resource: 'product',
      action: 'read',
    });
    expect(callUseOf('PATCH', '/api/v1/content/blogpost/b1')).toEqual({
      resource: 'blogpost',
      action: 'update',
    });
  });

  it('names the routes that are not about one content type with an @, which no type can have', () => {
    expect(callUseOf('GET', '/api/v1/search')).toEqual({ resource: '@search', action: 'read' });
    expect(callUseOf('POST', '/api/v1/internal/contenttype')).toEqual({
      resource: '@contenttype',
      action: 'create',
    });
    expect(callUseOf('POST', '/api/graphql')).toEqual({ resource: '@graphql', action: 'create' });
  });

  it('is the label the admission step counts under', () => {
    expect(callLabelOf('DELETE', '/api/v1/content/product/p1')).toBe('product|delete');
  });
});
