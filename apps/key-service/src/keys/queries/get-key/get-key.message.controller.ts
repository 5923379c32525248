import { Answers } from '@keygate/connections';
import { Controller, Inject } from '@nestjs/common';
import {
  Clock,
  CLOCK,
  KEY_SERVICE_MESSAGES,
  KeyRecord,
  KeyServicePattern,
  KeyServiceRequest,
  KeyView,
  NotFoundError,
} from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';

@Controller()
export class GetKeyMessageController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One key of the caller's account, as the Panel shows it. */
  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.GetKey)
  async getKey(request: KeyServiceRequest<typeof KeyServicePattern.GetKey>): Promise<KeyView> {
    const { accountId, keyId } = request;
    const key = await this.readModels.findKey(keyId, this.clock.now());
    if (!key || key.accountId !== accountId) throw new NotFoundError('Key', keyId);
    return key;
  }

  /** One key with its hashes, for a gateway that saw a gap in the key's event versions. */
  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.GetKeyRecord)
  async getKeyRecord(
    request: KeyServiceRequest<typeof KeyServicePattern.GetKeyRecord>,
  ): Promise<KeyRecord> {
    const { keyId } = request;
    const record = await this.readModels.findKeyRecord(keyId, this.clock.now());
    if (!record) throw new NotFoundError('Key', keyId);
    return record;
  }
}
