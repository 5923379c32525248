import { Injectable, Logger } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLIC_ROUTES, PublicRoute, RouteAnswer } from '@keygate/contracts';
import { adoptRequestId, writeHttpError } from '@keygate/http';
import { AuthContextAnswer } from '../auth-context/auth-context.answer';
import { ApiRequest, callHeaders } from '../call-pipeline/call-start';
import { ForwardedCall } from '../call-pipeline/forwarded-call';
import { VerifyAnswer } from '../verify/verify.answer';

type Answer = (request: ApiRequest, response: ServerResponse, route: PublicRoute) => Promise<void>;

interface Served {
  route: PublicRoute;
  answer: Answer;
}

/**
 * The public API, from its one table (PUBLIC_ROUTES in @keygate/contracts, which the Panel's API
 * document describes too), answered on node:http directly: the hot path pays for no framework
 * layer (issue 19: Fastify's request and reply objects, hooks and router cost more per call than
 * the gateway's checks). Everything else (/health, /metrics, unknown paths) goes on to Fastify
 * and Nest. Paths are matched as they are written in the table: a URL pattern `/a/*` takes
 * everything under `/a/`, the others exactly that path; the checks then work on the call's
 * canonical target (call-pipeline/), never on this raw path.
 */
@Injectable()
export class PublicApi {
  private readonly logger = new Logger(PublicApi.name);
  private readonly exact = new Map<string, Served>();
  private readonly prefixes: Array<[string, Served]> = [];

  constructor(
    forwarded: ForwardedCall,
    authContext: AuthContextAnswer,
    verification: VerifyAnswer,
  ) {
    const answers: Record<RouteAnswer, Answer> = {
      upstream: (request, response, route) => forwarded.run(request, response, route),
      'auth-context': (request, response, route) => authContext.run(request, response, route),
      verify: (request, response) => verification.run(request, response),
    };
    for (const route of Object.values(PUBLIC_ROUTES) as PublicRoute[])
      for (const url of route.urls) {
        const served = { route, answer: answers[route.answer] };
        if (url.endsWith('/*')) this.prefixes.push([url.slice(0, -1), served]);
        else this.exact.set(url, served);
      }
  }

  /** The route a request is for, or null: not a public route, or not one of its methods. */
  routeOf(method: string, url: string): Served | null {
    const end = url.indexOf('?');
    const path = end === -1 ? url : url.slice(0, end);
    let served = this.exact.get(path);
    if (!served)
      for (const [prefix, candidate] of this.prefixes)
        if (path.startsWith(prefix)) {
          served = candidate;
          break;
        }
    return served && served.route.methods.includes(method as never) ? served : null;
  }

  /**
   * Answers the request when it is for a public route (true); false leaves it to the framework.
   * Every call goes by a request id (X-Request-Id, the client's when valid), in its answer,
   * refusals included, and upstream.
   */
  serve(request: IncomingMessage, response: ServerResponse): boolean {
    const served = this.routeOf(request.method ?? '', request.url ?? '');
    if (!served) return false;
    // Each answer writes it with its own headers (callHeaders): a header set here, before
    // writeHead, would send every answer down node's slower path of merged headers.
    adoptRequestId(request.headers);
    const call = request as ApiRequest;
    served.answer(call, response, served.route).catch((error: unknown) => {
      // Each answer shapes its own refusals; this is only for a fault in that shaping.
      this.logger.error(`unanswered ${request.method} call: ${(error as Error).message}`);
      writeHttpError(response, error, callHeaders(call));
    });
    return true;
  }
}
