import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, KeyServicePattern, UsageServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { UsageServiceClient } from '../../rpc/usage-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';
import { LeastPrivilegeAdvice, leastPrivilegeAdvice } from './least-privilege';

/** How far back a key's use is read for advice. */
const ADVICE_SPAN_MS = 30 * 24 * 3600 * 1000;

export type KeyAdvice = LeastPrivilegeAdvice & { keyId: string; from: string; to: string };

/**
 * Least-privilege advice for one key of the caller's account: its rules against what its admitted
 * calls used over the last 30 days (the decision log's counts). Applying it is an ordinary key
 * update (PATCH /panel/api/keys/:id with the suggested rules), audited as any other.
 */
@Injectable()
export class KeyAdviceHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly usage: UsageServiceClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(caller: PanelCaller, keyId: string): Promise<KeyAdvice> {
    const accountId = caller.session.accountId;
    const key = await this.keyService.call(KeyServicePattern.GetKey, { accountId, keyId });
    const now = this.clock.now().getTime();
    const summary = await this.usage.call(UsageServicePattern.KeyDecisionSummary, {
      accountId,
      keyId,
      from: new Date(now - ADVICE_SPAN_MS).toISOString(),
      to: new Date(now + 1).toISOString(),
    });
    const uses = summary.counts.flatMap((count) =>
      count.outcome === 'admitted' && count.resource && count.action
        ? [{ resource: count.resource, action: count.action, calls: count.calls }]
        : [],
    );
    return { keyId, from: summary.from, to: summary.to, ...leastPrivilegeAdvice(key, uses) };
  }
}
