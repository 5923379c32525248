import { Injectable } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { PublicRoute } from '@keygate/contracts';
import { writeHttpError, writeJson } from '@keygate/http';
import { Principal } from '../auth/key-verifier';
import { ApiRequest, callHeaders } from '../call-pipeline/call-start';
import { GatewayPipeline } from '../call-pipeline/gateway-pipeline';
import { creditsLeftOnWire } from '@keygate/usage';
import { QuotaAdmission } from '../quota/quota-admission';
import { DecisionRecorder } from '../decisions/decision-recorder';

/**
 * GET /api/auth-context: who this key is, what it may do, and its account's quota, uncounted
 * (the call a backend makes to validate a key). The key passes the same authentication as every
 * call (call-pipeline/), then the gateway answers itself.
 */
@Injectable()
export class AuthContextAnswer {
  constructor(
    private readonly pipeline: GatewayPipeline,
    private readonly quota: QuotaAdmission,
    private readonly decisions: DecisionRecorder,
  ) {}

  async run(request: ApiRequest, response: ServerResponse, route: PublicRoute): Promise<void> {
    const call = { request, response, route };
    try {
      const { principal } = await this.pipeline.authenticated.run(call);
      writeJson(response, 200, await this.answer(principal), callHeaders(request));
    } catch (error) {
      this.decisions.refused(call, error);
      writeHttpError(response, error, callHeaders(request));
    }
  }

  private async answer({ key, account }: Principal) {
    const [usage, credits] = await Promise.all([
      this.quota.usage({ key, account }),
      this.quota.creditsLeft({ key, account }),
    ]);
    return {
      account,
      key: {
        id: key.id,
        name: key.name,
        kind: key.kind,
        access: key.access,
        type: key.type,
        environment: key.environment,
        rules: key.rules,
        expiresAt: key.expiresAt,
        allowedHosts: key.allowedHosts,
        rateLimits: key.rateLimits,
        meta: key.meta,
      },
      usage: { windowDays: 30, ...usage },
      credits: creditsLeftOnWire(credits),
      rateLimits: { key: key.rateLimits, account: this.quota.accountRateLimits(account.plan) },
    };
  }
}
