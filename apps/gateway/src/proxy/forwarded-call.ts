import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@keygate/contracts';
import { ApiKeyAuthenticator, AuthenticatedRequest } from '../auth/api-key.authenticator';
import { Permission } from '../authorization/route-permission';
import { permissionForRequest } from '../authorization/permission-for-request';
import { Principal } from '../auth/key-verifier';
import { AccountConcurrency } from '../edge/account-concurrency';
import { CanonicalTarget, canonicalTarget } from '../edge/canonical-target';
import { sendHttpError } from '@keygate/http';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { QuotaAdmission } from '../quota/quota-admission';
import { ForwardPlan } from './forward-plan';
import { UpstreamProxy } from './upstream.proxy';

/**
 * One key-protected call, the same for every /api route the gateway forwards: take the canonical
 * target, authenticate and authorize it, run the route's own checks (which may read the body),
 * take one of the account's concurrency slots, admit against the quota, forward that target.
 * Every refusal comes before the quota counts the call, has the one error shape and is counted
 * by its code.
 */
@Injectable()
export class ForwardedCall {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly proxy: UpstreamProxy,
    private readonly quota: QuotaAdmission,
    private readonly concurrency: AccountConcurrency,
    private readonly metrics: GatewayMetrics,
  ) {}

  /**
   * `permissions`: what the call needs when its method and path do not say; `check`: the route's
   * checks once the key is known, answering how to forward the call (or nothing: as it came).
   */
  async run(
    request: FastifyRequest,
    reply: FastifyReply,
    permissions?: Permission[],
    check?: (principal: Principal, target: CanonicalTarget) => Promise<ForwardPlan | undefined>,
  ): Promise<void> {
    let authenticated = false;
    let release: (() => void) | undefined;
    try {
      const target = canonicalTarget(request.url);
      const principal = await this.authenticator.authenticate(
        request,
        reply,
        permissions ?? [permissionForRequest(request.method, target.path)],
      );
      authenticated = true;
      this.proxy.assertBodySize(request as AuthenticatedRequest);
      const plan = check ? await check(principal, target) : undefined;
      release = this.concurrency.acquire(principal.account.id);
      const rateLimit = await this.quota.admit(principal);
      await this.proxy.forward(request as AuthenticatedRequest, reply, target, rateLimit, plan);
      this.metrics.forwarded.inc();
    } catch (error) {
      // The authenticator counts its own refusals.
      if (authenticated && error instanceof DomainError)
        this.metrics.requests.inc({ outcome: error.code });
      sendHttpError(reply, error);
    } finally {
      release?.();
    }
  }
}
