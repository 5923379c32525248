import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/key-verifier';
import { callLabelOf } from '../../authorization/call-label';
import { CanonicalTarget } from '../../edge/canonical-target';
import { AdmittedCall, QuotaAdmission } from '../../quota/quota-admission';
import { CallStep } from '../call-pipeline';
import { ApiRequest } from '../call-start';

// `slot`: admission counts the call, so it comes after every refusal, the slot the last of them.
type Needs = {
  request: Pick<ApiRequest, 'method'>;
  target: CanonicalTarget;
  principal: Principal;
  slot: { release(): void };
};

/**
 * The call counted against its account's rolling 30-day quota and the rate limits of its plan and
 * key (429 past any of them, ADR 9), and by what it used (resource and action) per minute; adds
 * the RateLimit headers and the admission's time.
 */
@Injectable()
export class QuotaAdmissionStep implements CallStep<Needs, { admission: AdmittedCall }> {
  constructor(private readonly quota: QuotaAdmission) {}

  readonly run = async ({ request, target, principal }: Needs) => ({
    admission: await this.quota.admit(principal, callLabelOf(request.method, target.path)),
  });
}
