import { Body, Put } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { requireTwoFactorBodySchema } from '../../panel.schemas';
import { PanelController } from '../../sessions/panel-controller';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { RequireTwoFactorHandler } from './require-two-factor.handler';

@PanelController('panel/api/account/two-factor', 'Panel: account and sessions')
export class RequireTwoFactorController {
  constructor(private readonly requireTwoFactor: RequireTwoFactorHandler) {}

  @Put()
  @ApiOperation({
    operationId: 'requireTwoFactor',
    summary:
      'Make two-factor sign-in required for every user of the account, or not (admins only): {account}',
  })
  @ApiBody({ schema: jsonSchemaOf(requireTwoFactorBodySchema) })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Body() body: unknown) {
    const { required } = parseInput(requireTwoFactorBodySchema, body);
    return { account: await this.requireTwoFactor.execute(caller, required) };
  }
}
