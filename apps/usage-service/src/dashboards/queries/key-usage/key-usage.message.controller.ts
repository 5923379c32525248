import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UsageServicePattern, keyUsageQuerySchema, parseInput } from '@keygate/contracts';
import { UsageReader } from '../../usage-reader';

@Controller()
export class KeyUsageMessageController {
  constructor(private readonly reader: UsageReader) {}

  @MessagePattern(UsageServicePattern.KeyUsage)
  keyUsage(@Payload() payload: unknown) {
    const { accountId, keyId } = parseInput(keyUsageQuerySchema, payload);
    return this.reader.keyUsage(accountId, keyId);
  }
}
