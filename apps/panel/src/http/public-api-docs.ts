import { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_ROUTES, PermissionRule, PublicRoute, RouteAnswer } from '@keygate/contracts';
import { ERROR } from './error-response.doc';

const SECURITY: Record<PermissionRule, Array<Record<string, string[]>>> = {
  'by-target': [{ 'X-AUTH-TOKEN': [] }, { 'api-key': [] }, { bearerKey: [] }, { auth_token: [] }],
  'any-key': [{ 'X-AUTH-TOKEN': [] }, { 'api-key': [] }, { bearerKey: [] }, { auth_token: [] }],
  'verify-token': [{ verifyToken: [] }],
};

const RESPONSES: Record<RouteAnswer, Record<string, unknown>> = {
  upstream: {
    '200': { description: 'The upstream API’s answer, streamed back' },
    '401': ERROR,
    '403': ERROR,
    '429': {
      ...ERROR,
      description:
        'QUOTA_EXCEEDED (30-day quota), RATE_LIMITED (a rate limit of the key or its plan: `error.limit` = `{scope, limit, windowSeconds, retryAfterMs}`), TOO_MANY_CONCURRENT_CALLS or TOO_MANY_ATTEMPTS; `Retry-After`, `RateLimit-*` and `RateLimit-Policy` say when and which',
    },
    '502': ERROR,
  },
  verify: {
    '200': {
      description:
        'The verdict, whatever it is: `{valid, code, reason, keyId, accountId, plan, meta, rules, expiresAt, limits}`',
    },
    '400': ERROR,
    '403': ERROR,
  },
  'auth-context': {
    '200': {
      description:
        '`{account: {id, name, plan}, key: {id, name, kind, access, type, rules, expiresAt, allowedHosts, rateLimits, meta}, usage: {windowDays, used, limit, remaining}, rateLimits: {key, account}}`',
    },
    '401': ERROR,
    '403': ERROR,
  },
};

const pathParameters = (template: string) =>
  [...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));

/**
 * The key-protected routes, the gateway's (the data plane), described for API users from the
 * table the gateway registers them from (PUBLIC_ROUTES).
 */
export function addPublicApi(document: OpenAPIObject): void {
  for (const route of Object.values(PUBLIC_ROUTES) as PublicRoute[])
    for (const { template, operations } of route.docs.paths) {
      const parameters = pathParameters(template);
      document.paths[template] = Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          {
            ...operation,
            tags: [route.docs.tag],
            security: SECURITY[route.permission],
            ...(parameters.length && { parameters }),
            responses: RESPONSES[route.answer],
          },
        ]),
      ) as OpenAPIObject['paths'][string];
    }
}
