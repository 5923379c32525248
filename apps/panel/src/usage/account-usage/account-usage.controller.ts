import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { UsageController } from '../usage-controller';
import { AccountUsageHandler } from './account-usage.handler';

@UsageController()
export class AccountUsageController {
  constructor(private readonly accountUsage: AccountUsageHandler) {}

  @Get()
  @ApiOperation({
    operationId: 'getAccountUsage',
    summary: 'The account’s 30 daily points, used/limit/remaining and drop-offs',
  })
  handle(@Caller() caller: PanelCaller) {
    return this.accountUsage.execute(caller);
  }
}
