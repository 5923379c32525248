import { Inject, Injectable } from '@nestjs/common';
import { ApiRequest } from '../call-pipeline/call-start';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { GraphqlSchemaUnavailableError, KeyRecord, ValidationError } from '@keygate/contracts';
import { Permission, assertPermitted, readsEveryType } from '../authorization/route-permission';
import { BodyLimit } from '../edge/body-limit';
import { CanonicalTarget } from '../edge/canonical-target';
import { queryValues } from '../edge/query-parameters';
import { RouteCheckCall } from '../route-checks/route-check';
import { ForwardPlan } from '../route-checks/forward-plan';
import {
  UnknownFieldError,
  graphqlPermissions,
  graphqlPermissionsInSchema,
} from './graphql-permissions';
import { RETRY_FAILED_AFTER_MS, UpstreamSchemas } from './upstream-schemas';

// GraphQL-over-HTTP request parameters: servers read them from the URL on GET, and many on POST too.
const GRAPHQL_PARAMETERS = ['query', 'operationName', 'variables', 'extensions'];

function singleParameter(query: string, name: string): string | null {
  const values = queryValues(query, name);
  if (values.length > 1) throw ValidationError.of(name, 'may be given once');
  return values[0] ?? null;
}

/**
 * The operation a GraphQL-over-HTTP request carries, read from the one place the upstream will
 * read it: the URL on GET; on POST the body alone, with no GraphQL parameter in the URL.
 */
function operationOf(request: ApiRequest, target: CanonicalTarget, body: Buffer | undefined) {
  if (request.method === 'GET')
    return {
      source: singleParameter(target.query, 'query') ?? '',
      operationName: singleParameter(target.query, 'operationName'),
    };
  for (const name of GRAPHQL_PARAMETERS)
    if (queryValues(target.query, name).length > 0)
      throw ValidationError.of(name, 'must be sent in the body of a POST, not in the URL');
  const text = body?.toString('utf8') ?? '';
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/graphql')) return { source: text, operationName: null };
  if (!/^application\/(.+\+)?json/.test(type))
    throw ValidationError.of('content-type', 'must be application/json or application/graphql');
  let parsed: { query?: unknown; operationName?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw ValidationError.of('(body)', 'must be JSON: {"query": "...", "variables": {...}}');
  }
  if (typeof parsed?.query !== 'string') throw ValidationError.of('query', 'must be a string');
  const operationName = typeof parsed.operationName === 'string' ? parsed.operationName : null;
  return { source: parsed.query, operationName };
}

/**
 * The check of POST/GET /api/graphql once the key is known: the request (read whole,
 * GRAPHQL_BODY_LIMIT_BYTES) holds one operation, mapped to content types and actions by the
 * account's upstream schema (graphql-permissions.ts: every field whose type is a content type)
 * and checked with the same rules as the REST routes; it is then forwarded as it came.
 */
@Injectable()
export class GraphqlOperationCheck {
  private readonly bodyLimit: BodyLimit;

  constructor(
    private readonly schemas: UpstreamSchemas,
    @Inject(KEYGATE_CONFIG) config: GatewayConfig,
  ) {
    this.bodyLimit = new BodyLimit(config.http.graphqlBodyLimitBytes);
  }

  async check({ request, principal, target }: RouteCheckCall): Promise<ForwardPlan> {
    let body: Buffer | undefined;
    if (request.method === 'POST') {
      this.bodyLimit.assertDeclaredSize(request.headers);
      body = await this.bodyLimit.read(request);
    }
    const { source, operationName } = operationOf(request, target, body);
    if (!source) throw ValidationError.of('query', 'must not be empty');
    const permissions = await this.permissionsOf(
      principal.key,
      principal.account.id,
      source,
      operationName,
    );
    assertPermitted(principal.key, permissions, request.method);
    return { body };
  }

  /**
   * From the account's upstream schema when it is known (relations and fragments included), by
   * root fields otherwise. A field the schema lacks reloads it once before it is refused.
   */
  private async permissionsOf(
    key: KeyRecord,
    accountId: string,
    source: string,
    operationName: string | null,
  ): Promise<Permission[]> {
    const schema = await this.schemas.forAccount(accountId);
    if (!schema) {
      // Without the schema only the root fields are known. That is enough for a key that reads
      // every type (whatever the relations reach, it may read); for any other it fails closed.
      if (!readsEveryType(key))
        throw new GraphqlSchemaUnavailableError(Math.ceil(RETRY_FAILED_AFTER_MS / 1000));
      return graphqlPermissions(source, operationName);
    }
    try {
      return graphqlPermissionsInSchema(source, operationName, schema);
    } catch (error) {
      if (!(error instanceof UnknownFieldError)) throw error;
      const reloaded = await this.schemas.reload(accountId);
      if (!reloaded || reloaded === schema) throw error;
      return graphqlPermissionsInSchema(source, operationName, reloaded);
    }
  }
}
