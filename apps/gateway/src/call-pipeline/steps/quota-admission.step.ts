import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/key-verifier';
import { QuotaAdmission } from '../../quota/quota-admission';
import { CallStep } from '../call-pipeline';

// `slot`: admission counts the call, so it comes after every refusal, the slot the last of them.
type Needs = { principal: Principal; slot: { release(): void } };

/** The call counted against its account's rolling 30-day quota (429 past the plan's limit); adds the RateLimit headers. */
@Injectable()
export class QuotaAdmissionStep implements CallStep<Needs, { admission: Record<string, string> }> {
  constructor(private readonly quota: QuotaAdmission) {}

  readonly run = async ({ principal }: Needs) => ({
    admission: await this.quota.admit(principal),
  });
}
