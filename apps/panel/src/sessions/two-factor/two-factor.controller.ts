import { Body, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { secondFactorBodySchema, twoFactorCodeBodySchema } from '../../panel.schemas';
import { PanelController } from '../panel-controller';
import { Caller, PanelCaller } from '../panel-session.guard';
import { TwoFactorHandler } from './two-factor.handler';

@PanelController('panel/api/session/two-factor', 'Panel: account and sessions')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'beginTwoFactor',
    summary:
      'Start two-factor sign-in (TOTP): {secret, otpauthUrl}, shown once; confirm with a code from your app',
  })
  begin(@Caller() caller: PanelCaller) {
    return this.twoFactor.begin(caller);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'confirmTwoFactor',
    summary: 'Turn two-factor sign-in on with a first code: {recoveryCodes} (10, shown once)',
  })
  @ApiBody({ schema: jsonSchemaOf(twoFactorCodeBodySchema) })
  confirm(@Caller() caller: PanelCaller, @Body() body: unknown) {
    return this.twoFactor.confirm(caller, parseInput(twoFactorCodeBodySchema, body).code);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'disableTwoFactor',
    summary: 'Turn two-factor sign-in off, with a code or a recovery code',
  })
  @ApiBody({ schema: jsonSchemaOf(secondFactorBodySchema) })
  async disable(@Caller() caller: PanelCaller, @Body() body: unknown) {
    await this.twoFactor.disable(caller, parseInput(secondFactorBodySchema, body));
  }
}
