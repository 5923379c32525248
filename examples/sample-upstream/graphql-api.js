// /api/graphql over one account's content, with a schema made from its content type definitions:
// `product(id)`, `productList(...)`, `createProduct(data)`, `updateProduct(id, data)`,
// `deleteProduct(id)`, and relation fields typed by the content type they point to.
'use strict';
const {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  graphql,
} = require('graphql');
const { fieldsOf } = require('./content-types');

const SCALARS = {
  string: GraphQLString,
  number: GraphQLFloat,
  integer: GraphQLInt,
  boolean: GraphQLBoolean,
};
const typeName = (name) => {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_');
  return safe.charAt(0).toUpperCase() + safe.slice(1);
};

const Internal = new GraphQLObjectType({
  name: 'Internal',
  fields: Object.fromEntries(
    ['contentType', 'createdAt', 'updatedAt', 'deletedAt', 'objectTitle', 'workflowState'].map(
      (field) => [field, { type: GraphQLString }],
    ),
  ),
});
const DataLinkInput = new GraphQLInputObjectType({
  name: 'DataLinkInput',
  fields: { dataUrl: { type: new GraphQLNonNull(GraphQLString) }, type: { type: GraphQLString } },
});

function buildSchema(store) {
  const objectTypes = new Map();
  const definitions = [...store.contentTypes.values()];
  for (const definition of definitions) {
    const fields = fieldsOf(definition);
    objectTypes.set(
      definition.name,
      new GraphQLObjectType({
        name: typeName(definition.name),
        fields: () => ({
          id: { type: new GraphQLNonNull(GraphQLID) },
          internal: { type: Internal },
          ...Object.fromEntries(
            Object.entries(fields)
              .filter(([, f]) => !f.relation || objectTypes.has(f.relation))
              .map(([field, f]) =>
                f.relation
                  ? [
                      field,
                      {
                        type: new GraphQLList(objectTypes.get(f.relation)),
                        resolve: (object) =>
                          store.hydrated({ [field]: object[field] ?? [] }, 1)[field],
                      },
                    ]
                  : [field, { type: SCALARS[f.type] ?? GraphQLString }],
              ),
          ),
        }),
      }),
    );
  }

  const query = {};
  const mutation = {};
  for (const definition of definitions) {
    const { name } = definition;
    const type = objectTypes.get(name);
    const input = new GraphQLInputObjectType({
      name: `${typeName(name)}Input`,
      fields: Object.fromEntries(
        Object.entries(fieldsOf(definition)).map(([field, f]) => [
          field,
          {
            type: f.relation ? new GraphQLList(DataLinkInput) : (SCALARS[f.type] ?? GraphQLString),
          },
        ]),
      ),
    });
    query[name] = {
      type,
      args: { id: { type: new GraphQLNonNull(GraphQLString) } },
      resolve: (_root, { id }) => store.typeOf(name).get(id) ?? null,
    };
    query[`${name}List`] = {
      type: new GraphQLList(type),
      args: {
        page: { type: GraphQLInt },
        limit: { type: GraphQLInt },
        order_by: { type: GraphQLString },
        order_direction: { type: GraphQLString },
        filter: { type: GraphQLString },
      },
      resolve: (_root, args) => {
        const params = new URLSearchParams();
        for (const [arg, value] of Object.entries(args))
          if (value != null) params.set(arg === 'filter' ? 'filters' : arg, String(value));
        return store.list(name, params).data;
      },
    };
    const Name = typeName(name);
    mutation[`create${Name}`] = {
      type,
      args: { data: { type: new GraphQLNonNull(input) } },
      resolve: (_root, { data }) => store.create(name, { ...data }),
    };
    mutation[`update${Name}`] = {
      type,
      args: {
        id: { type: new GraphQLNonNull(GraphQLString) },
        data: { type: new GraphQLNonNull(input) },
      },
      resolve: (_root, { id, data }) => store.update(name, id, { ...data }, false),
    };
    mutation[`delete${Name}`] = {
      type,
      args: { id: { type: new GraphQLNonNull(GraphQLString) } },
      resolve: (_root, { id }) => store.remove(name, id),
    };
  }
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: query }),
    mutation: new GraphQLObjectType({ name: 'Mutation', fields: mutation }),
  });
}

const schemas = new WeakMap(); // store -> { version, schema }

/** Runs one GraphQL-over-HTTP request against an account's store. */
async function executeGraphql(store, { query, variables, operationName }) {
  let cached = schemas.get(store);
  if (!cached || cached.version !== store.version) {
    cached = { version: store.version, schema: buildSchema(store) };
    schemas.set(store, cached);
  }
  return graphql({
    schema: cached.schema,
    source: query,
    variableValues: variables ?? undefined,
    operationName: operationName ?? undefined,
  });
}

module.exports = { executeGraphql };
