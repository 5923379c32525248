import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import {
  USAGE_SERVICE_MESSAGES,
  UsageServicePattern,
  UsageServiceRequest,
} from '@keygate/contracts';
import { UsageReader } from '../../usage-reader';

@Controller()
export class AccountUsageMessageController {
  constructor(private readonly reader: UsageReader) {}

  @Answers(USAGE_SERVICE_MESSAGES, UsageServicePattern.AccountUsage)
  accountUsage(request: UsageServiceRequest<typeof UsageServicePattern.AccountUsage>) {
    return this.reader.accountUsage(request.accountId);
  }
}
