import { Answers } from '@keygate/connections';
import { Controller, Inject } from '@nestjs/common';
import {
  Clock,
  CLOCK,
  KEY_SERVICE_MESSAGES,
  KeyServicePattern,
  KeyServiceRequest,
  KeyView,
} from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';

@Controller()
export class ListKeysMessageController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ListKeys)
  listKeys(request: KeyServiceRequest<typeof KeyServicePattern.ListKeys>): Promise<KeyView[]> {
    return this.readModels.keysOfAccount(request.accountId, this.clock.now());
  }
}
