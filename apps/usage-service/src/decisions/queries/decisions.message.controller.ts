import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import {
  USAGE_SERVICE_MESSAGES,
  UsageServicePattern,
  UsageServiceRequest,
} from '@keygate/contracts';
import { DecisionLogRepository } from '../decision-log.repository';
import { KeyDecisionsQuery } from './key-decisions.query';

@Controller()
export class DecisionsMessageController {
  constructor(
    private readonly log: DecisionLogRepository,
    private readonly keyDecisions: KeyDecisionsQuery,
  ) {}

  /** Every record of one request id in the account (a client may reuse an id). */
  @Answers(USAGE_SERVICE_MESSAGES, UsageServicePattern.DecisionsByRequest)
  byRequest(request: UsageServiceRequest<typeof UsageServicePattern.DecisionsByRequest>) {
    return this.log.byRequest(request.accountId, request.requestId);
  }

  /** A key's refusals and admitted minutes, newest first, a page at a time. */
  @Answers(USAGE_SERVICE_MESSAGES, UsageServicePattern.KeyDecisions)
  ofKey(request: UsageServiceRequest<typeof UsageServicePattern.KeyDecisions>) {
    return this.keyDecisions.page(request);
  }

  /** A key's calls per resource × action × outcome over a span. */
  @Answers(USAGE_SERVICE_MESSAGES, UsageServicePattern.KeyDecisionSummary)
  summary(request: UsageServiceRequest<typeof UsageServicePattern.KeyDecisionSummary>) {
    return this.keyDecisions.summary(request);
  }
}
