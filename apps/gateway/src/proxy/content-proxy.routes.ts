import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { ForwardedCall } from './forwarded-call';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const PATHS = [
  '/api/v1/content/*',
  '/api/v1/internal/contenttype',
  '/api/v1/internal/contenttype/*',
];

/**
 * Content objects and content type definitions: authenticated, authorized, admitted against the
 * quota, then forwarded as they are (ForwardedCall). The hot path, so registered on Fastify directly rather than through Nest's router
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
    for (const url of PATHS) {
      fastify.route({
        method: [...METHODS],
        url,
        exposeHeadRoute: false,
        handler: (request, reply) => this.call.run(request, reply),
      });
    }
  }
}
