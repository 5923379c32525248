import {
  GraphQLNamedType,
  GraphQLSchema,
  IntrospectionQuery,
  buildClientSchema,
  getNamedType,
  isObjectType,
} from 'graphql';

/**
 * An upstream's GraphQL schema and which of its types are content types: the type a root query
 * field `product` (or `productList`) returns is the content type `product`.
 */
export class ContentSchema {
  private readonly contentTypes = new Map<string, string>();

  constructor(readonly schema: GraphQLSchema) {
    const fields = Object.values(schema.getQueryType()?.getFields() ?? {});
    // Single-object fields first: `product` names the type better than `productList`.
    const ordered = [
      ...fields.filter((f) => !f.name.endsWith('List')),
      ...fields.filter((f) => f.name.endsWith('List') && f.name.length > 4),
    ];
    for (const field of ordered) {
      const type = getNamedType(field.type);
      const contentType = field.name.endsWith('List') ? field.name.slice(0, -4) : field.name;
      if (isObjectType(type) && !this.contentTypes.has(type.name))
        this.contentTypes.set(type.name, contentType);
    }
  }

  static fromIntrospection(result: IntrospectionQuery): ContentSchema {
    return new ContentSchema(buildClientSchema(result));
  }

  /** The content type a GraphQL type holds objects of, or null. */
  contentTypeOf(type: GraphQLNamedType): string | null {
    return this.contentTypes.get(type.name) ?? null;
  }
}
