import { Inject, Injectable } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { GatewayConfig, KEYGATE_CONFIG } from '@keygate/config';
import {
  CLOCK,
  Clock,
  DomainError,
  ForbiddenError,
  KeyVerificationAnswer,
  MissingPermissionError,
  parseInput,
  refusalReasonOf,
  verifyKeySchema,
} from '@keygate/contracts';
import { sameSecret } from '@keygate/key-secret';
import { KeyVerifier, Principal } from '../auth/key-verifier';
import { isPermitted } from '../authorization/route-permission';
import { ProjectionService } from '../projection/projection.service';
import { callLabel, creditsLeftOnWire } from '@keygate/usage';
import { QuotaAdmission } from '../quota/quota-admission';

const REFUSED = {
  valid: false,
  keyId: null,
  accountId: null,
  plan: null,
  environment: null,
  meta: null,
  rules: null,
  expiresAt: null,
  limits: null,
} as const;

/**
 * POST /api/v1/keys/verify, for services that do not sit behind the gateway: is this key good for
 * this call, and count it. The same checks as a forwarded call (format, status, expiry, allowed
 * hosts against `clientIp`, plan, the permission asked for) and the same admission step (quota,
 * rate limits, credits), counting `cost`; the answer is 200 whatever the key's verdict, with the
 * code a proxied call would get. Only a caller holding VERIFY_TOKEN may ask.
 */
@Injectable()
export class KeyVerification {
  constructor(
    private readonly verifier: KeyVerifier,
    @Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig,
    private readonly projection: ProjectionService,
    private readonly quota: QuotaAdmission,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 403 unless the caller presents VERIFY_TOKEN (and while it is unset). */
  assertCaller(request: Pick<IncomingMessage, 'headers'>): void {
    const expected = this.config.verifyToken;
    if (!expected) throw new ForbiddenError('Key verification is off: set VERIFY_TOKEN to use it');
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameSecret(presented, expected))
      throw new ForbiddenError('Key verification needs Authorization: Bearer $VERIFY_TOKEN');
  }

  async verify(body: unknown): Promise<KeyVerificationAnswer> {
    const request = parseInput(verifyKeySchema, body);
    this.projection.assertServing();
    let principal: Principal;
    try {
      // Without a client address a key limited to some hosts cannot be vouched for.
      principal = this.verifier.verify(request.key, request.clientIp ?? '', this.clock.now());
      const { permission } = request;
      if (permission && !isPermitted(principal.key, { kind: 'content', ...permission }))
        throw new MissingPermissionError(`${permission.resource}:${permission.action}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ...REFUSED, code: error.code, reason: refusalReasonOf(error) };
    }
    // Counted under the permission it vouched for, when it named one: that is what the key used.
    const { permission } = request;
    const label = permission
      ? callLabel(permission.resource, permission.action)
      : callLabel('@verify', 'verify');
    const counted = await this.quota.count(principal, request.cost, label);
    const { key, account } = principal;
    const { admission, refusal, limits } = counted;
    return {
      valid: refusal === null,
      code: refusal?.code ?? 'VALID',
      reason: refusal ? refusalReasonOf(refusal) : null,
      keyId: key.id,
      accountId: account.id,
      plan: account.plan,
      environment: key.environment,
      meta: key.meta,
      rules: key.rules,
      expiresAt: key.expiresAt,
      limits: {
        quota: admission && {
          limit: admission.limit,
          used: admission.used,
          remaining: admission.remaining,
          resetSeconds: admission.resetSeconds,
        },
        rateLimits: { key: key.rateLimits, account: [...limits.rateLimits] },
        credits: creditsLeftOnWire(admission?.credits),
        retryAfterSeconds:
          (refusal as { retryAfterSeconds?: number } | null)?.retryAfterSeconds ?? null,
      },
    };
  }
}
