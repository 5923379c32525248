import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AccountView,
  KeyServicePattern,
  NotFoundError,
  accountRefSchema,
  parseInput,
} from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';

@Controller()
export class GetAccountMessageController {
  constructor(private readonly readModels: ReadModels) {}

  @MessagePattern(KeyServicePattern.GetAccount)
  async getAccount(@Payload() payload: unknown): Promise<AccountView> {
    const { accountId } = parseInput(accountRefSchema, payload);
    const account = await this.readModels.findAccount(accountId);
    if (!account) throw new NotFoundError('Account', accountId);
    return account;
  }
}
