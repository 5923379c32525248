import { ValidationError } from '@keygate/contracts';
import { buildSchema } from 'graphql';
import { ContentSchema } from './content-schema';
import {
  UnknownFieldError,
  graphqlPermissions,
  graphqlPermissionsInSchema,
} from './graphql-permissions';

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

  it.each([
    ['two operations of one name', 'query A { product { id } } query A { category { id } }', 'A'],
    [
      'two fragments of one name',
      '{ ...F } fragment F on Query { product { id } } fragment F on Query { category { id } }',
      null,
    ],
    [
      'an anonymous operation beside another',
      '{ product { id } } query B { category { id } }',
      'B',
    ],
  ])(
    'refuses a document with %s (an upstream may run another than the one checked)',
    (_how, doc, operationName) => {
      expect(() => names(doc, operationName)).toThrow(ValidationError);
    },
  );
});

describe(graphqlPermissionsInSchema.name, () => {
  const content = new ContentSchema(
    buildSchema(`
      interface Node { id: ID! }
      type Product implements Node { id: ID! name: String categories: [Category] internal: Internal }
      type Category implements Node { id: ID! name: String }
      type Author implements Node { id: ID! name: String }
      type Internal { contentType: String }
      union Result = Product | Category
      type Stats { count: Int }
      type Query {
        product(id: String!): Product
        productList: [Product]
        category(id: String!): Category
        author(id: String!): Author
        search(q: String): [Result]
        node(id: ID!): Node
        stats: Stats
      }
      type Mutation { createProduct(name: String): Product }
    `),
  );
  const inSchema = (source: string) =>
    graphqlPermissionsInSchema(source, null, content).map((p) =>
      p.kind === 'content' ? `${p.resource}:${p.action}` : p.kind,
    );

  it('reads every content type a field returns or is selected on', () => {
    expect(inSchema('{ product(id: "1") { name internal { contentType } } }')).toEqual([
      'product:read',
    ]);
    expect(inSchema('{ productList { categories { id } } }')).toEqual([
      'product:read',
      'category:read',
    ]);
  });

  it('reads the types a union or interface selection reaches', () => {
    expect(inSchema('{ search(q: "a") { ... on Category { name } } }')).toEqual([
      'search:read',
      'category:read',
    ]);
    expect(inSchema('{ node(id: "1") { id } }')).toEqual([
      'node:read',
      'product:read',
      'category:read',
      'author:read',
    ]);
    expect(inSchema('{ search(q: "a") { __typename } }')).toEqual(['search:read']);
  });

  it('needs no read of what a mutation returns of its own type, but of its relations', () => {
    expect(inSchema('mutation { createProduct(name: "x") { id name } }')).toEqual([
      'product:create',
    ]);
    expect(inSchema('mutation { createProduct(name: "x") { categories { id } } }')).toEqual([
      'product:create',
      'category:read',
    ]);
  });

  it('keeps the root-field rule for fields that are not content types', () => {
    expect(inSchema('{ stats { count } }')).toEqual(['stats:read']);
    expect(inSchema('{ __schema { types { name } } __typename }')).toEqual(['any-key']);
  });

  it('refuses fields and fragment types the schema does not have', () => {
    expect(() => inSchema('{ product(id: "1") { secret } }')).toThrow(UnknownFieldError);
    expect(() => inSchema('{ product(id: "1") { ... on Secret { id } } }')).toThrow(
      ValidationError,
    );
  });

  it('follows a fragment spread in several places, and terminates on a cycle', () => {
    expect(
      inSchema(
        'mutation { createProduct { ...P } } fragment P on Product { name categories { ...C } } fragment C on Category { id }',
      ),
    ).toEqual(['product:create', 'category:read']);
    expect(inSchema('{ productList { ...P } } fragment P on Product { ...P name }')).toEqual([
      'product:read',
    ]);
  });
});
