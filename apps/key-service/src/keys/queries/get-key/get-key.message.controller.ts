import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  KeyRecord,
  KeyServicePattern,
  KeyView,
  NotFoundError,
  keyIdSchema,
  keyRefSchema,
  parseInput,
  CLOCK,
  Clock,
} from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';

@Controller()
export class GetKeyMessageController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One key of the caller's account, as the Panel shows it. */
  @MessagePattern(KeyServicePattern.GetKey)
  async getKey(@Payload() payload: unknown): Promise<KeyView> {
    const { accountId, keyId } = parseInput(keyRefSchema, payload);
    const key = await this.readModels.findKey(keyId, this.clock.now());
    if (!key || key.accountId !== accountId) throw new NotFoundError('Key', keyId);
    return key;
  }

  /** One key with its hashes, for a gateway that saw a gap in the key's event versions. */
  @MessagePattern(KeyServicePattern.GetKeyRecord)
  async getKeyRecord(@Payload() payload: unknown): Promise<KeyRecord> {
    const { keyId } = parseInput(keyIdSchema, payload);
    const record = await this.readModels.findKeyRecord(keyId, this.clock.now());
    if (!record) throw new NotFoundError('Key', keyId);
    return record;
  }
}
