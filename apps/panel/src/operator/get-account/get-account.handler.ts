import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { withPlan } from '../plan-view';

/** Any account, by id: the account, its plan spelled out, its panel users. */
@Injectable()
export class GetAccountHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    @Inject(KEYGATE_CONFIG) private readonly config: Pick<PanelConfig, 'plans'>,
  ) {}

  async execute(accountId: string) {
    const account = await this.keyService.call(KeyServicePattern.GetAccount, { accountId });
    const users = await this.keyService.call(KeyServicePattern.ListUsers, { accountId });
    return { ...withPlan(account, this.config.plans), users };
  }
}
