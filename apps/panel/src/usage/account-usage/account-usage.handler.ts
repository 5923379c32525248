import { Injectable } from '@nestjs/common';
import { UsageServicePattern } from '@keygate/contracts';
import { PanelCaller } from '../../sessions/panel-session.guard';
import { UsageServiceClient } from '../../rpc/usage-service.client';

/** The caller's account over the rolling 30-day window, as the usage service counts it. */
@Injectable()
export class AccountUsageHandler {
  constructor(private readonly usage: UsageServiceClient) {}

  execute(caller: PanelCaller) {
    return this.usage.call(UsageServicePattern.AccountUsage, {
      accountId: caller.session.accountId,
    });
  }
}
