/**
 * The public API: every route the gateway serves to API keys, declared once. The gateway
 * registers its routes from this table (apps/gateway/src/http/public-routes.ts) and the Panel
 * describes them in its OpenAPI document (apps/panel/src/http/public-api-docs.ts), so a route
 * cannot be served without being documented, or documented as it is not served.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
export type DocumentedMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * What a call needs: `by-target` from its method and canonical path (content type and action);
 * `any-key` any valid key, the route's own check deciding the rest (GraphQL, auth-context);
 * `verify-token` no API key but the deployment's VERIFY_TOKEN (the key is in the body).
 */
export type PermissionRule = 'by-target' | 'any-key' | 'verify-token';

/** The route's own check once the key is known (the gateway maps each name to its code). */
export type RouteCheckName = 'none' | 'scoped-content-read' | 'scoped-search' | 'graphql-operation';

/** `upstream`: forwarded and its answer streamed back; the others are answered by the gateway. */
export type RouteAnswer = 'upstream' | 'auth-context' | 'verify';

export interface DocumentedOperation {
  /** What client generators name it; by default its method and path. */
  operationId?: string;
  summary: string;
  description?: string;
}

export interface DocumentedPath {
  /** An OpenAPI path template; each `{name}` is a path parameter. */
  template: string;
  operations: Partial<Record<DocumentedMethod, DocumentedOperation>>;
}

export interface PublicRoute {
  /** Fastify URL patterns (`*` matches the rest of the path). */
  urls: readonly string[];
  methods: readonly HttpMethod[];
  permission: PermissionRule;
  check: RouteCheckName;
  answer: RouteAnswer;
  /** How the Panel's API document describes it. */
  docs: { tag: string; paths: readonly DocumentedPath[] };
}

const ALL_METHODS: readonly HttpMethod[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
];

/** get/post/put/patch/delete, each "forwarded upstream" with one description. */
function forwardedOperations(description?: string): DocumentedPath['operations'] {
  const methods: DocumentedMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.fromEntries(
    methods.map((method) => [
      method,
      {
        summary: `${method.toUpperCase()} forwarded upstream`,
        ...(description && { description }),
      },
    ]),
  );
}

export const PUBLIC_ROUTES = {
  authContext: {
    urls: ['/api/auth-context'],
    methods: ['GET', 'HEAD'],
    permission: 'any-key',
    check: 'none',
    answer: 'auth-context',
    docs: {
      tag: 'API (key)',
      paths: [
        {
          template: '/api/auth-context',
          operations: {
            get: {
              summary: 'This key’s account, permissions and 30-day usage',
              description:
                'Validates the key as every call does (format, status, expiry, allowed hosts, plan) and answers `{account, key, usage}`; uncounted. For backends that check keys themselves.',
            },
          },
        },
      ],
    },
  },
  verifyKey: {
    urls: ['/api/v1/keys/verify'],
    methods: ['POST'],
    permission: 'verify-token',
    check: 'none',
    answer: 'verify',
    docs: {
      tag: 'Verification (VERIFY_TOKEN)',
      paths: [
        {
          template: '/api/v1/keys/verify',
          operations: {
            post: {
              operationId: 'verifyKey',
              summary: 'Verify a key and count its call, without forwarding anything',
              description:
                'For services that do not sit behind the gateway. Body `{key, cost? (0-1000, default 1; 0 checks without counting), permission?: {resource, action}, clientIp?}`. Always 200 for a well-formed request: `{valid, code, reason, keyId, accountId, plan, meta, rules, expiresAt, limits: {quota, rateLimits, credits, retryAfterSeconds}}`, `code` being `VALID` or what a proxied call would get (`UNAUTHORIZED`, `FORBIDDEN`, `RATE_LIMITED`, `QUOTA_EXCEEDED`, `CREDITS_EXHAUSTED`), `reason` which check (`unknown`, `revoked`, `expired`, `host_not_allowed`, `missing_permission`...). A valid verification counts `cost` exactly as that many calls.',
            },
          },
        },
      ],
    },
  },
  graphql: {
    urls: ['/api/graphql'],
    methods: ['GET', 'POST'],
    permission: 'any-key',
    check: 'graphql-operation',
    answer: 'upstream',
    docs: {
      tag: 'GraphQL (API key)',
      paths: [
        {
          template: '/api/graphql',
          operations: {
            post: {
              summary: 'GraphQL, forwarded upstream',
              description:
                'Each root field needs the matching permission: `product`/`productList` read product; `createProduct`/`updateProduct`/`deleteProduct` create, update, delete it. Every nested field whose type is a content type (from the upstream schema) needs read on it.',
            },
            get: { summary: 'GraphQL query in ?query=, forwarded upstream' },
          },
        },
      ],
    },
  },
  search: {
    urls: ['/api/v1/search'],
    methods: ALL_METHODS,
    permission: 'by-target',
    check: 'scoped-search',
    answer: 'upstream',
    docs: {
      tag: 'Content (API key)',
      paths: [
        {
          template: '/api/v1/search',
          operations: {
            get: {
              summary: 'Full-text search, forwarded upstream',
              description:
                'Flotiq search parameters (`q`, `content_type[]`, `page`, `limit`, `order_by`, `order_direction`, `hydrate`). Each named content type needs read; a scoped key that names none searches the types it may read.',
            },
          },
        },
      ],
    },
  },
  content: {
    urls: ['/api/v1/content/*'],
    methods: ALL_METHODS,
    permission: 'by-target',
    check: 'scoped-content-read',
    answer: 'upstream',
    docs: {
      tag: 'Content (API key)',
      paths: [
        { template: '/api/v1/content/{resource}', operations: forwardedOperations() },
        { template: '/api/v1/content/{resource}/{id}', operations: forwardedOperations() },
      ],
    },
  },
  contentTypes: {
    urls: ['/api/v1/internal/contenttype', '/api/v1/internal/contenttype/*'],
    methods: ALL_METHODS,
    permission: 'by-target',
    check: 'none',
    answer: 'upstream',
    docs: {
      tag: 'Content types (API key)',
      paths: [
        { template: '/api/v1/internal/contenttype', operations: forwardedOperations() },
        { template: '/api/v1/internal/contenttype/{name}', operations: forwardedOperations() },
      ],
    },
  },
} as const satisfies Record<string, PublicRoute>;

export type PublicRouteName = keyof typeof PUBLIC_ROUTES;
