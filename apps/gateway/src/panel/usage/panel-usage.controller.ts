import { Controller, Get, Param } from '@nestjs/common';
import { UsageServiceClient } from '../../rpc/usage-service.client';
import { Caller, PanelCaller, PanelSessionRequired } from '../sessions/panel-session.guard';

/** The account's (or one key's) calls over the rolling 30-day window, for the charts. */
@Controller('panel/api/usage')
@PanelSessionRequired()
export class PanelUsageController {
  constructor(private readonly usage: UsageServiceClient) {}

  @Get()
  account(@Caller() caller: PanelCaller) {
    return this.usage.account(caller.session.accountId);
  }

  @Get('keys/:id')
  key(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return this.usage.key(caller.session.accountId, keyId);
  }
}
