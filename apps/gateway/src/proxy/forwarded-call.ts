import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@keygate/contracts';
import { ApiKeyAuthenticator, AuthenticatedRequest } from '../auth/api-key.authenticator';
import { Permission } from '../authorization/route-permission';
import { Principal } from '../auth/key-verifier';
import { sendHttpError } from '../http/http-error.filter';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { QuotaAdmission } from '../quota/quota-admission';
import { UpstreamProxy } from './upstream.proxy';

/**
 * One key-protected call, the same for every /api route the gateway forwards: authenticate and
 * authorize, run the route's own checks (which may read the body), admit against the quota,
 * forward. Every refusal has the one error shape and is counted by its code.
 */
@Injectable()
export class ForwardedCall {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly proxy: UpstreamProxy,
    private readonly quota: QuotaAdmission,
    private readonly metrics: GatewayMetrics,
  ) {}

  /**
   * `permissions`: what the call needs when its method and path do not say; `check`: the route's
   * checks once the key is known, answering the body it had to read (or nothing, to stream it).
   */
  async run(
    request: FastifyRequest,
    reply: FastifyReply,
    permissions?: Permission[],
    check?: (principal: Principal) => Promise<Buffer | undefined>,
  ): Promise<void> {
    let authenticated = false;
    try {
      const principal = await this.authenticator.authenticate(request, reply, permissions);
      authenticated = true;
      const body = check ? await check(principal) : undefined;
      const rateLimit = await this.quota.admit(principal);
      await this.proxy.forward(request as AuthenticatedRequest, reply, rateLimit, body);
      this.metrics.forwarded.inc();
    } catch (error) {
      // The authenticator counts its own refusals.
      if (authenticated && error instanceof DomainError)
        this.metrics.requests.inc({ outcome: error.code });
      sendHttpError(reply, error);
    }
  }
}
