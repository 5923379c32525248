// Content type definitions in Flotiq's shape: properties in `schemaDefinition`, a relation is an
// array of `DataSource` references whose target type is in `metaDefinition.propertiesConfig`.
'use strict';

const DATA_SOURCE = { type: 'array', items: { $ref: '#/components/schemas/DataSource' } };

function definition(name, label, properties, relations = {}) {
  for (const field of Object.keys(relations)) properties[field] = DATA_SOURCE;
  const propertiesConfig = {};
  for (const [field, schema] of Object.entries(properties))
    propertiesConfig[field] = relations[field]
      ? {
          label: field,
          inputType: 'datasource',
          validation: { relationContenttype: relations[field] },
        }
      : { label: field, inputType: schema.type === 'number' ? 'number' : 'text' };
  return {
    name,
    label,
    schemaDefinition: {
      type: 'object',
      allOf: [
        { $ref: '#/components/schemas/AbstractContentTypeSchemaDefinition' },
        { type: 'object', properties },
      ],
      required: [],
    },
    metaDefinition: { order: Object.keys(properties), propertiesConfig },
  };
}

/** Every new account starts with these: products in categories, blog posts about products. */
function defaultContentTypes() {
  return [
    definition(
      'product',
      'Product',
      { name: { type: 'string' }, price: { type: 'number' } },
      { categories: 'category' },
    ),
    definition('category', 'Category', { name: { type: 'string' } }),
    definition(
      'blogpost',
      'Blog post',
      { title: { type: 'string' }, body: { type: 'string' } },
      { products: 'product' },
    ),
  ];
}

/** The properties of a definition: { field: { type, relation? } }, relation naming the target type. */
function fieldsOf(contentType) {
  const parts = contentType.schemaDefinition?.allOf ?? [contentType.schemaDefinition ?? {}];
  const properties = Object.assign({}, ...parts.map((part) => part?.properties ?? {}));
  const config = contentType.metaDefinition?.propertiesConfig ?? {};
  return Object.fromEntries(
    Object.entries(properties).map(([field, schema]) => [
      field,
      {
        type: schema?.type ?? 'string',
        relation: config[field]?.validation?.relationContenttype ?? null,
      },
    ]),
  );
}

module.exports = { defaultContentTypes, fieldsOf };
