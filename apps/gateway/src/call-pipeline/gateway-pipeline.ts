import { Injectable } from '@nestjs/common';
import { CallPipeline } from './call-pipeline';
import { CallStart } from './call-start';
import { AuthenticateStep } from './steps/authenticate.step';
import { BodySizeStep } from './steps/body-size.step';
import { canonicalTargetStep } from './steps/canonical-target.step';
import { ConcurrencySlotStep } from './steps/concurrency-slot.step';
import { QuotaAdmissionStep } from './steps/quota-admission.step';
import { RouteCheckStep } from './steps/route-check.step';

/**
 * Every check a call to the public API passes, in order. Each step's type names what it needs
 * from the steps before it, so a step moved ahead of those, or left out before one that needs
 * it, does not compile (call-pipeline.spec.ts holds such an order). Every refusal comes before
 * the quota counts the call.
 */
@Injectable()
export class GatewayPipeline {
  /** The key, authenticated for the route's canonical target: what GET /api/auth-context needs. */
  readonly authenticated: ReturnType<typeof authenticatedPipeline>;
  /** Everything a forwarded call passes before it is sent upstream. */
  readonly forwarded: ReturnType<typeof forwardedPipeline>;

  constructor(
    authenticate: AuthenticateStep,
    bodySize: BodySizeStep,
    routeCheck: RouteCheckStep,
    slot: ConcurrencySlotStep,
    quota: QuotaAdmissionStep,
  ) {
    this.authenticated = authenticatedPipeline(authenticate);
    this.forwarded = forwardedPipeline(this.authenticated, bodySize, routeCheck, slot, quota);
  }
}

function authenticatedPipeline(authenticate: AuthenticateStep) {
  return CallPipeline.startingWith<CallStart>().then(canonicalTargetStep).then(authenticate);
}

function forwardedPipeline(
  authenticated: ReturnType<typeof authenticatedPipeline>,
  bodySize: BodySizeStep,
  routeCheck: RouteCheckStep,
  slot: ConcurrencySlotStep,
  quota: QuotaAdmissionStep,
) {
  return authenticated.then(bodySize).then(routeCheck).then(slot).then(quota);
}
