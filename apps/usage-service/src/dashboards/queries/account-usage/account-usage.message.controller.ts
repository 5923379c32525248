import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UsageServicePattern, accountUsageQuerySchema, parseInput } from '@keygate/contracts';
import { UsageReader } from '../../usage-reader';

@Controller()
export class AccountUsageMessageController {
  constructor(private readonly reader: UsageReader) {}

  @MessagePattern(UsageServicePattern.AccountUsage)
  accountUsage(@Payload() payload: unknown) {
    return this.reader.accountUsage(parseInput(accountUsageQuerySchema, payload).accountId);
  }
}
