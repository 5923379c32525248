import { Injectable } from '@nestjs/common';
import {
  DecisionSummary,
  UsageServicePattern,
  keyDecisionSummaryQueryFields,
  withValidSpan,
} from '@keygate/contracts';
import { z } from 'zod';
import { UsageServiceClient } from '../../rpc/usage-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** GET …/keys/:id/decisions/summary's query (the account and key come from the session and path). */
export const keyDecisionSummarySpanSchema = withValidSpan(
  keyDecisionSummaryQueryFields.omit({ accountId: true, keyId: true }),
);

/** One key's calls per resource × action × outcome over a span (the last 24 hours by default). */
@Injectable()
export class KeyDecisionSummaryHandler {
  constructor(private readonly usage: UsageServiceClient) {}

  execute(
    caller: PanelCaller,
    keyId: string,
    span: z.infer<typeof keyDecisionSummarySpanSchema>,
  ): Promise<DecisionSummary> {
    return this.usage.call(UsageServicePattern.KeyDecisionSummary, {
      ...span,
      accountId: caller.session.accountId,
      keyId,
    });
  }
}
