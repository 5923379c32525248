import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { UsersController } from '../users-controller';
import { IssuePasswordResetHandler } from './issue-password-reset.handler';

@UsersController()
export class IssuePasswordResetController {
  constructor(private readonly issueReset: IssuePasswordResetHandler) {}

  @Post(':id/password-reset')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'issuePasswordReset',
    summary:
      'A one-time password reset link for a user (admins only): shown once, valid 1 hour, replaces any earlier link',
  })
  @ApiResponse({ status: 201, description: '{resetUrl, token, expiresAt}' })
  @AdminOnly()
  handle(@Caller() caller: PanelCaller, @Param('id') userId: string) {
    return this.issueReset.execute(caller, userId);
  }
}
