import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { contentReadPlan, searchPlan } from '../content-scope/scoped-reads';
import { ForwardedCall } from './forwarded-call';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const CONTENT_TYPE_PATHS = ['/api/v1/internal/contenttype', '/api/v1/internal/contenttype/*'];

/**
 * Content objects, search and content type definitions: authenticated, authorized, admitted
 * against the quota, then forwarded (ForwardedCall); reads by a scoped key are narrowed and
 * their answers checked (content-scope/). The hot path, so registered on Fastify directly rather than through Nest's router
 * (whose execution context, guard and filter layers cost more than the checks themselves); the
 * same authenticator and error shape serve both.
 */
@Injectable()
export class ContentProxyRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly call: ForwardedCall,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const route = (url: string, handler: RouteHandlerMethod) =>
      fastify.route({ method: [...METHODS], url, exposeHeadRoute: false, handler });
    for (const url of CONTENT_TYPE_PATHS)
      route(url, (request, reply) => this.call.run(request, reply));
    route('/api/v1/content/*', (request, reply) =>
      this.call.run(request, reply, undefined, async ({ key }, target) =>
        contentReadPlan(key, request.method, target),
      ),
    );
    route('/api/v1/search', (request, reply) =>
      this.call.run(request, reply, undefined, async ({ key }, target) =>
        searchPlan(key, request.method, target),
      ),
    );
  }
}
