import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/key-verifier';
import { AccountConcurrency } from '../../edge/account-concurrency';
import { ForwardPlan } from '../../route-checks/forward-plan';
import { CallStep } from '../call-pipeline';

// `plan`: a call refused by its route's checks never holds one of its account's slots.
type Needs = { principal: Principal; plan: ForwardPlan };

/** One of the account's slots on this gateway (429 past ACCOUNT_CONCURRENCY_LIMIT), given back when the call ends. */
@Injectable()
export class ConcurrencySlotStep implements CallStep<Needs, { slot: { release(): void } }> {
  constructor(private readonly concurrency: AccountConcurrency) {}

  readonly run = ({ principal }: Needs) => ({
    slot: { release: this.concurrency.acquire(principal.account.id) },
  });
}
