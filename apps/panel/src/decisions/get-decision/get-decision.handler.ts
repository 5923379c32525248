import { Injectable } from '@nestjs/common';
import { DecisionRecord, NotFoundError, UsageServicePattern } from '@keygate/contracts';
import { UsageServiceClient } from '../../rpc/usage-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** Why a call of the caller's account was refused, found by its X-Request-Id (404: none). */
@Injectable()
export class GetDecisionHandler {
  constructor(private readonly usage: UsageServiceClient) {}

  async execute(caller: PanelCaller, requestId: string): Promise<{ decisions: DecisionRecord[] }> {
    const decisions = await this.usage.call(UsageServicePattern.DecisionsByRequest, {
      accountId: caller.session.accountId,
      requestId,
    });
    if (decisions.length === 0) throw new NotFoundError('Decision', requestId);
    return { decisions };
  }
}
