import { Injectable } from '@nestjs/common';
import { KeyServicePattern, RotatedWebhookSecret } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/** A new signing secret for the endpoint, shown this once; the old one signs beside it for 24 h. */
@Injectable()
export class RotateSecretHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(caller: PanelCaller, endpointId: string): Promise<RotatedWebhookSecret> {
    return this.keyService.call(KeyServicePattern.RotateWebhookSecret, {
      accountId: caller.session.accountId,
      endpointId,
      actor: actorOf(caller),
    });
  }
}
