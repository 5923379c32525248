import { Injectable } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { DomainError, PublicRoute } from '@keygate/contracts';
import { writeHttpError } from '@keygate/http';
import { ApiRequest, callHeaders } from './call-start';
import { GatewayPipeline } from './gateway-pipeline';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { UpstreamProxy } from '../proxy/upstream.proxy';
import { DecisionRecorder } from '../decisions/decision-recorder';

type ForwardedState = Awaited<ReturnType<GatewayPipeline['forwarded']['run']>>;

/**
 * One forwarded call: the gateway's checks (call-pipeline/gateway-pipeline.ts), then exactly the
 * canonical target they passed, sent upstream. Every refusal has the one error shape and is
 * counted by its code; the account's slot is given back however the call ends.
 */
@Injectable()
export class ForwardedCall {
  constructor(
    private readonly pipeline: GatewayPipeline,
    private readonly proxy: UpstreamProxy,
    private readonly metrics: GatewayMetrics,
    private readonly decisions: DecisionRecorder,
  ) {}

  async run(request: ApiRequest, response: ServerResponse, route: PublicRoute): Promise<void> {
    const call: Parameters<GatewayPipeline['forwarded']['run']>[0] & Partial<ForwardedState> = {
      request,
      response,
      route,
    };
    try {
      const { principal, target, admission, plan } = await this.pipeline.forwarded.run(call);
      await this.proxy.forward(request, response, { principal, target, admission, plan });
      this.metrics.countForwarded();
    } catch (error) {
      // The authenticator counts its own refusals.
      if (call.principal && error instanceof DomainError)
        this.metrics.requests.inc({ outcome: error.code });
      this.decisions.refused(call, error);
      writeHttpError(response, error, callHeaders(request));
    } finally {
      call.slot?.release();
    }
  }
}
