import { ApiRequest } from '../call-pipeline/call-start';
import { Principal } from '../auth/key-verifier';
import { CanonicalTarget } from '../edge/canonical-target';
import { ForwardPlan } from './forward-plan';

/** What a route's own check reads: the key is known and the target canonical. */
export interface RouteCheckCall {
  request: ApiRequest;
  principal: Principal;
  target: CanonicalTarget;
}

/** A route's own check: throws its refusal, or answers how to forward (nothing: as it came). */
export type RouteCheck = (
  call: RouteCheckCall,
) => ForwardPlan | undefined | Promise<ForwardPlan | undefined>;
