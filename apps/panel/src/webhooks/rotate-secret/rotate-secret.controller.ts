import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { RotateSecretHandler } from './rotate-secret.handler';

@WebhooksController()
export class RotateSecretController {
  constructor(private readonly rotateSecret: RotateSecretHandler) {}

  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary:
      'A new signing secret, shown once (admins); the old one still signs, as a second signature, for 24 h: {webhook, secret, previousValidUntil}',
  })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') endpointId: string) {
    return this.rotateSecret.execute(caller, endpointId);
  }
}
