import { Injectable } from '@nestjs/common';
import {
  DecisionPage,
  UsageServicePattern,
  keyDecisionsQueryFields,
  withValidSpan,
} from '@keygate/contracts';
import { z } from 'zod';
import { UsageServiceClient } from '../../rpc/usage-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** GET …/keys/:id/decisions' query (the account and key come from the session and the path). */
export const keyDecisionsPageSchema = withValidSpan(
  keyDecisionsQueryFields.omit({ accountId: true, keyId: true }),
);

/** One key's decisions (refusals, admitted calls per minute), newest first, a page at a time. */
@Injectable()
export class KeyDecisionsHandler {
  constructor(private readonly usage: UsageServiceClient) {}

  execute(
    caller: PanelCaller,
    keyId: string,
    page: z.infer<typeof keyDecisionsPageSchema>,
  ): Promise<DecisionPage> {
    return this.usage.call(UsageServicePattern.KeyDecisions, {
      ...page,
      accountId: caller.session.accountId,
      keyId,
    });
  }
}
