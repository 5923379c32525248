import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator, AuthenticatedRequest } from '../auth/api-key.authenticator';
import { sendHttpError } from '../http/http-error.filter';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { UpstreamProxy } from './upstream.proxy';
import { QuotaAdmission } from '../quota/quota-admission';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const PATHS = [
  '/api/v1/content/*',
  '/api/v1/internal/contenttype',
  '/api/v1/internal/contenttype/*',
];

/**
 * Content objects and content type definitions: authenticated, authorized, admitted against the
 * quota, then forwarded as
 * they are. The hot path, so registered on Fastify directly rather than through Nest's router
 * (whose execution context, guard and filter layers cost more than the checks themselves); the
 * same authenticator and error shape serve both.
 */
@Injectable()
export class ContentProxyRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly proxy: UpstreamProxy,
    private readonly quota: QuotaAdmission,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const url of PATHS) {
      fastify.route({
        method: [...METHODS],
        url,
        exposeHeadRoute: false,
        handler: (request, reply) => this.handle(request, reply),
      });
    }
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      const principal = await this.authenticator.authenticate(request, reply);
      const rateLimit = await this.quota.admit(principal);
      await this.proxy.forward(request as AuthenticatedRequest, reply, rateLimit);
      this.metrics.forwarded.inc();
    } catch (error) {
      sendHttpError(reply, error);
    }
  }
}
