import { Injectable } from '@nestjs/common';
import { UsageServicePattern } from '@keygate/contracts';
import { PanelCaller } from '../../sessions/panel-session.guard';
import { UsageServiceClient } from '../../rpc/usage-service.client';

/** One key's calls over the rolling 30-day window, counted within the caller's account only. */
@Injectable()
export class KeyUsageHandler {
  constructor(private readonly usage: UsageServiceClient) {}

  execute(caller: PanelCaller, keyId: string) {
    return this.usage.call(UsageServicePattern.KeyUsage, {
      accountId: caller.session.accountId,
      keyId,
    });
  }
}
