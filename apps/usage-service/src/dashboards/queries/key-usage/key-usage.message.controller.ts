import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import {
  USAGE_SERVICE_MESSAGES,
  UsageServicePattern,
  UsageServiceRequest,
} from '@keygate/contracts';
import { UsageReader } from '../../usage-reader';

@Controller()
export class KeyUsageMessageController {
  constructor(private readonly reader: UsageReader) {}

  @Answers(USAGE_SERVICE_MESSAGES, UsageServicePattern.KeyUsage)
  keyUsage(request: UsageServiceRequest<typeof UsageServicePattern.KeyUsage>) {
    const { accountId, keyId } = request;
    return this.reader.keyUsage(accountId, keyId);
  }
}
