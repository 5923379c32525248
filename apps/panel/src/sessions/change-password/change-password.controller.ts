import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { changePasswordBodySchema } from '../../panel.schemas';
import { PanelController } from '../panel-controller';
import { Caller, PanelCaller } from '../panel-session.guard';
import { ChangePasswordHandler } from './change-password.handler';

@PanelController('panel/api/session/password', 'Panel: account and sessions')
export class ChangePasswordController {
  constructor(private readonly changePassword: ChangePasswordHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change your password ({current, next}); your other sessions end: {ended}',
  })
  @ApiBody({ schema: jsonSchemaOf(changePasswordBodySchema) })
  @ApiResponse({ status: 200, description: '{ended}' })
  handle(@Caller() caller: PanelCaller, @Body() body: unknown) {
    const { current, next } = parseInput(changePasswordBodySchema, body);
    return this.changePassword.execute(caller, current, next);
  }
}
