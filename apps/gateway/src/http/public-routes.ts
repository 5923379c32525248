import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_ROUTES, PublicRoute, RouteAnswer } from '@keygate/contracts';
import { AuthContextAnswer } from '../auth-context/auth-context.answer';
import { ForwardedCall } from '../call-pipeline/forwarded-call';
import { VerifyAnswer } from '../verify/verify.answer';

type Answer = (request: FastifyRequest, reply: FastifyReply, route: PublicRoute) => Promise<void>;

/**
 * Registers the public API from its one table (PUBLIC_ROUTES in @keygate/contracts, which the
 * Panel's API document describes too). The hot path, so registered on Fastify directly rather
 * than through Nest's router, whose execution context, guard and filter layers cost more than
 * the checks themselves.
 */
@Injectable()
export class PublicRoutes implements OnModuleInit {
  private readonly answers: Record<RouteAnswer, Answer>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    forwarded: ForwardedCall,
    authContext: AuthContextAnswer,
    verification: VerifyAnswer,
  ) {
    this.answers = {
      upstream: (request, reply, route) => forwarded.run(request, reply, route),
      'auth-context': (request, reply, route) => authContext.run(request, reply, route),
      verify: (request, reply) => verification.run(request, reply),
    };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const route of Object.values(PUBLIC_ROUTES) as PublicRoute[]) {
      const answer = this.answers[route.answer];
      for (const url of route.urls)
        fastify.route({
          method: [...route.methods],
          url,
          exposeHeadRoute: false,
          handler: (request, reply) => answer(request, reply, route),
        });
    }
  }
}
