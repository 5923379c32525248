import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import {
  USAGE_SERVICE_MESSAGES,
  UsageServicePattern,
  UsageServiceRequest,
} from '@keygate/contracts';
import { UsageReader } from '../../usage-reader';

@Controller()
export class KeysUsageMessageController {
  constructor(private readonly reader: UsageReader) {}

  @Answers(USAGE_SERVICE_MESSAGES, UsageServicePattern.KeysUsage)
  keysUsage(request: UsageServiceRequest<typeof UsageServicePattern.KeysUsage>) {
    return this.reader.keysUsage(request.accountId);
  }
}
