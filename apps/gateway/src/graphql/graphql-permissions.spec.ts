import { ValidationError } from '@keygate/contracts';
import { graphqlPermissions } from './graphql-permissions';

const names = (source: string, operationName: string | null = null) =>
  graphqlPermissions(source, operationName).map((p) =>
    p.kind === 'content' ? `${p.resource}:${p.action}` : p.kind,
  );

describe('graphqlPermissions', () => {
  it('reads a content type for its object and list queries', () => {
    expect(names('{ product(id: "1") { name } productList { data { id } } }')).toEqual([
      'product:read',
    ]);
    expect(names('query Q { blogpost(id: "x") { title } author { name } }')).toEqual([
      'blogpost:read',
      'author:read',
    ]);
  });

  it('maps create/update/delete mutations to their content type and action', () => {
    expect(
      names(
        'mutation { createProduct(input: {}) { id } updateBlogpost(id: "1") { id } deleteProduct(id: "2") { id } }',
      ),
    ).toEqual(['product:create', 'blogpost:update', 'product:delete']);
    expect(names('mutation { publishEverything { ok } }')).toEqual(['publishEverything:update']);
  });

  it('follows fragments at the root, and needs only a key for introspection', () => {
    expect(
      names(
        'query { ...Root ... on Query { author { id } } } fragment Root on Query { product { id } }',
      ),
    ).toEqual(['product:read', 'author:read']);
    expect(names('{ __schema { types { name } } }')).toEqual(['any-key']);
  });

  it('picks the named operation, and refuses what it cannot read', () => {
    const doc = 'query A { product { id } } mutation B { deleteAuthor(id: "1") { id } }';
    expect(names(doc, 'B')).toEqual(['author:delete']);
    expect(() => names(doc)).toThrow(ValidationError);
    expect(() => names(doc, 'C')).toThrow(ValidationError);
    expect(() => names('{ product { ')).toThrow(ValidationError);
  });
});
