import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import {
  AccountView,
  KEY_SERVICE_MESSAGES,
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
} from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';

@Controller()
export class GetAccountMessageController {
  constructor(private readonly readModels: ReadModels) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.GetAccount)
  async getAccount(
    request: KeyServiceRequest<typeof KeyServicePattern.GetAccount>,
  ): Promise<AccountView> {
    const { accountId } = request;
    const account = await this.readModels.findAccount(accountId);
    if (!account) throw new NotFoundError('Account', accountId);
    return account;
  }
}
