import { KeyAction, KeyView } from '@keygate/contracts';

type Operation = Record<string, unknown>;
type PathItem = Record<string, Operation>;

const COLLECTION_METHODS: Partial<Record<KeyAction, string[]>> = {
  read: ['get'],
  create: ['post'],
};
const ITEM_METHODS: Partial<Record<KeyAction, string[]>> = {
  read: ['get'],
  update: ['put', 'patch'],
  delete: ['delete'],
};
const ALL_ACTIONS: KeyAction[] = ['create', 'read', 'update', 'delete'];

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const COMMON_RESPONSES = {
  '401': errorResponse('Missing, malformed, unknown, revoked or expired key'),
  '403': errorResponse('Host not allowed, plan without API access, or action not permitted'),
  '429': errorResponse(
    'QUOTA_EXCEEDED (the account’s 30-day calls), RATE_LIMITED (a rate limit of the key or its plan), CREDITS_EXHAUSTED (the key’s credits): see Retry-After and RateLimit-Policy',
  ),
};

/** The key's own limits in words, for the document's description. */
function limitsOf(key: KeyView): string {
  const parts = (key.rateLimits ?? []).map(
    (l) => `at most ${l.limit} calls in any ${l.windowSeconds} s`,
  );
  if (key.credits) {
    const { refill } = key.credits;
    parts.push(
      `credits (each call spends one)${refill ? `, ${refill.mode === 'add' ? 'adding' : 'refilled to'} ${refill.amount} every ${refill.every}` : ''}`,
    );
  }
  return parts.length
    ? ` Its limits: ${parts.join('; ')}; its account’s plan may add its own.`
    : '';
}

const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});

const queryParam = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

const SEARCH_PARAMETERS = [
  queryParam('q', 'Text to search for'),
  queryParam('content_type[]', 'Content types to search (default: all the key may read)', {
    type: 'array',
    items: { type: 'string' },
  }),
  queryParam('page', 'Page number, from 1', { type: 'integer', minimum: 1 }),
  queryParam('limit', 'Results per page', { type: 'integer', minimum: 1 }),
  queryParam('order_by', 'Field to order by'),
  queryParam('order_direction', 'asc or desc', { type: 'string', enum: ['asc', 'desc'] }),
  queryParam(
    'hydrate',
    'Embed related objects (those of types the key may not read stay references)',
    {
      type: 'integer',
      enum: [0, 1, 2],
    },
  ),
];

function operation(method: string, summary: string, tag: string, parameters: object[]): Operation {
  return {
    operationId: `${method}_${summary.replace(/[^A-Za-z0-9]+/g, '_')}`,
    summary,
    tags: [tag],
    parameters,
    ...(['post', 'put', 'patch'].includes(method)
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        }
      : {}),
    responses: { '200': { description: 'The upstream API’s answer' }, ...COMMON_RESPONSES },
  };
}

/** Content paths a set of actions allows on one resource (a name, or any as {resource}). */
function contentPaths(resource: string | null, actions: KeyAction[]): Record<string, PathItem> {
  const base = resource ? `/api/v1/content/${resource}` : '/api/v1/content/{resource}';
  const label = resource ?? 'any content type';
  const resourceParam = resource ? [] : [pathParam('resource', 'Content type name')];
  const collection: PathItem = {};
  const item: PathItem = {};
  for (const action of actions) {
    for (const method of COLLECTION_METHODS[action] ?? [])
      collection[method] = operation(method, `${action} ${label}`, label, resourceParam);
    for (const method of ITEM_METHODS[action] ?? [])
      item[method] = operation(method, `${action} one ${label}`, label, [
        ...resourceParam,
        pathParam('id', 'Content object id'),
      ]);
  }
  const paths: Record<string, PathItem> = {};
  if (Object.keys(collection).length) paths[base] = collection;
  if (Object.keys(item).length) paths[`${base}/{id}`] = item;
  return paths;
}

function contentTypeActions(key: KeyView): KeyAction[] {
  if (key.kind === 'application') return key.access === 'read-write' ? ALL_ACTIONS : ['read'];
  return key.type === 'administration' ? ALL_ACTIONS : [];
}

function contentActions(key: KeyView): Array<{ resource: string | null; actions: KeyAction[] }> {
  if (key.kind === 'application')
    return [{ resource: null, actions: key.access === 'read-write' ? ALL_ACTIONS : ['read'] }];
  return key.rules.map((rule) => ({
    resource: rule.resource === '*' ? null : rule.resource,
    actions: rule.actions,
  }));
}

/**
 * An OpenAPI 3.1 document of exactly the operations this key may call through the gateway:
 * its content rules (or an application key's access), content type definitions where its kind
 * allows them, and /api/auth-context. Import it in Swagger UI or Postman.
 */
export function keyOpenApi(key: KeyView, serverUrl: string): Record<string, unknown> {
  const paths: Record<string, PathItem> = {
    '/api/auth-context': {
      get: {
        operationId: 'get_auth_context',
        summary: 'This key’s account, permissions and quota',
        tags: ['auth'],
        responses: { '200': { description: 'The key’s context' }, '401': COMMON_RESPONSES['401'] },
      },
    },
  };
  for (const { resource, actions } of contentActions(key))
    for (const [path, item] of Object.entries(contentPaths(resource, actions)))
      paths[path] = { ...(paths[path] ?? {}), ...item };

  const readable = contentActions(key).filter(({ actions }) => actions.includes('read'));
  if (readable.length > 0) {
    const types = readable.some(({ resource }) => resource === null)
      ? 'every content type'
      : readable.map(({ resource }) => resource).join(', ');
    paths['/api/v1/search'] = {
      get: {
        ...operation('get', 'search', 'search', SEARCH_PARAMETERS),
        description: `Full-text search over ${types}. Naming another type in content_type[] is a 403; naming none searches ${types}.`,
      },
    };
  }

  if (contentActions(key).some(({ actions }) => actions.length > 0))
    paths['/api/graphql'] = {
      post: {
        ...operation('post', 'GraphQL on the content types this key may use', 'graphql', []),
        description:
          'Root fields map to content types: `product`/`productList` read product; `createProduct`, `updateProduct`, `deleteProduct` need create, update, delete.',
      },
    };

  const typeActions = contentTypeActions(key);
  if (typeActions.length) {
    const tag = 'content type definitions';
    const collection: PathItem = {};
    const item: PathItem = {};
    const nameParam = [pathParam('name', 'Content type name')];
    for (const action of typeActions) {
      for (const method of COLLECTION_METHODS[action] ?? [])
        collection[method] = operation(method, `${action} content types`, tag, []);
      for (const method of ITEM_METHODS[action] ?? [])
        item[method] = operation(method, `${action} one content type`, tag, nameParam);
    }
    if (Object.keys(collection).length) paths['/api/v1/internal/contenttype'] = collection;
    if (Object.keys(item).length) paths['/api/v1/internal/contenttype/{name}'] = item;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: `Keygate API for key “${key.name}”`,
      version: String(key.version),
      description: `The operations key ${key.id} (${key.kind}${key.kind === 'user' ? `, ${key.type}` : `, ${key.access}`}) may call.${limitsOf(key)}`,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: serverUrl }],
    security: [{ xAuthToken: [] }, { bearer: [] }, { apiKeyHeader: [] }, { authTokenQuery: [] }],
    paths,
    components: {
      securitySchemes: {
        xAuthToken: { type: 'apiKey', in: 'header', name: 'X-AUTH-TOKEN' },
        bearer: { type: 'http', scheme: 'bearer' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'api-key' },
        authTokenQuery: { type: 'apiKey', in: 'query', name: 'auth_token' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['success', 'error'],
          properties: {
            success: { const: false },
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}
