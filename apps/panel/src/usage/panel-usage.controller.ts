import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsageServicePattern } from '@keygate/contracts';
import { UsageServiceClient } from '../rpc/usage-service.client';
import { Caller, PanelCaller, PanelSessionRequired } from '../sessions/panel-session.guard';

/** The account's (or one key's) calls over the rolling 30-day window, for the charts. */
@ApiTags('Panel: usage')
@ApiBearerAuth('session')
@Controller('panel/api/usage')
@PanelSessionRequired()
export class PanelUsageController {
  constructor(private readonly usage: UsageServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The account’s 30 daily points, used/limit/remaining and drop-offs' })
  account(@Caller() caller: PanelCaller) {
    return this.usage.call(UsageServicePattern.AccountUsage, {
      accountId: caller.session.accountId,
    });
  }

  @Get('keys/:id')
  @ApiOperation({ summary: 'The same for one key, with lastUsedAt' })
  key(@Caller() caller: PanelCaller, @Param('id') keyId: string) {
    return this.usage.call(UsageServicePattern.KeyUsage, {
      accountId: caller.session.accountId,
      keyId,
    });
  }
}
