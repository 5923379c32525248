import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { WebhookSigningHandler } from './webhook-signing.handler';

@Controller()
export class WebhookSigningMessageController {
  constructor(private readonly handler: WebhookSigningHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.WebhookSigning)
  signing(request: KeyServiceRequest<typeof KeyServicePattern.WebhookSigning>) {
    return this.handler.execute(request);
  }
}
