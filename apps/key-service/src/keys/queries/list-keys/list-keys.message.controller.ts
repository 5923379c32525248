import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  KeyServicePattern,
  KeyView,
  accountRefSchema,
  parseInput,
  CLOCK,
  Clock,
} from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';

@Controller()
export class ListKeysMessageController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @MessagePattern(KeyServicePattern.ListKeys)
  listKeys(@Payload() payload: unknown): Promise<KeyView[]> {
    return this.readModels.keysOfAccount(
      parseInput(accountRefSchema, payload).accountId,
      this.clock.now(),
    );
  }
}
