import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { DomainError, ErrorCode, ValidationError } from '@keygate/contracts';
import { assertPermitted } from '../authorization/route-permission';
import { ForwardedCall } from '../proxy/forwarded-call';
import { graphqlPermissions } from './graphql-permissions';

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends DomainError {
  constructor() {
    super(ErrorCode.VALIDATION_FAILED, 'A GraphQL request may be at most 1 MiB');
  }
}

async function readBody(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The operation a GraphQL-over-HTTP request carries: JSON or application/graphql, or GET. */
function operationOf(request: FastifyRequest, body: Buffer | undefined) {
  if (request.method === 'GET') {
    const query = request.query as Record<string, string | undefined>;
    return { source: query.query ?? '', operationName: query.operationName ?? null };
  }
  const text = body?.toString('utf8') ?? '';
  if ((request.headers['content-type'] ?? '').startsWith('application/graphql'))
    return { source: text, operationName: null };
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
 * POST/GET /api/graphql: the key is checked first; then the operation's root fields are mapped
 * to content types and actions (graphql-permissions.ts) and checked with the same rules as the
 * REST routes; the request, read whole (at most 1 MiB), is then admitted and forwarded as it came.
 */
@Injectable()
export class GraphqlProxyRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly call: ForwardedCall,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.route({
      method: ['GET', 'POST'],
      url: '/api/graphql',
      handler: (request, reply) =>
        this.call.run(request, reply, [{ kind: 'any-key' }], async (principal) => {
          const body =
            request.method === 'POST'
              ? await readBody((request.body as Readable | undefined) ?? request.raw)
              : undefined;
          const { source, operationName } = operationOf(request, body);
          if (!source) throw ValidationError.of('query', 'must not be empty');
          assertPermitted(principal.key, graphqlPermissions(source, operationName), request.method);
          return body;
        }),
    });
  }
}
