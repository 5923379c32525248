import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UsageServicePattern, accountUsageQuerySchema, parseInput } from '@keygate/contracts';
import { UsageReader } from '../../usage-reader';

@Controller()
export class KeysUsageMessageController {
  constructor(private readonly reader: UsageReader) {}

  @MessagePattern(UsageServicePattern.KeysUsage)
  keysUsage(@Payload() payload: unknown) {
    return this.reader.keysUsage(parseInput(accountUsageQuerySchema, payload).accountId);
  }
}
