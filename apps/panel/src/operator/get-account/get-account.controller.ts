import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { OperatorController } from '../operator-controller';
import { GetAccountHandler } from './get-account.handler';

@OperatorController()
export class GetAccountController {
  constructor(private readonly getAccount: GetAccountHandler) {}

  @Get(':id')
  @ApiOperation({ operationId: 'getAccount', summary: 'An account, its plan and its panel users' })
  handle(@Param('id') accountId: string) {
    return this.getAccount.execute(accountId);
  }
}
