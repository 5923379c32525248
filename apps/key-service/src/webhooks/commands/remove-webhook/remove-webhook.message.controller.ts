import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { RemoveWebhookHandler } from './remove-webhook.handler';

@Controller()
export class RemoveWebhookMessageController {
  constructor(private readonly handler: RemoveWebhookHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RemoveWebhook)
  remove(request: KeyServiceRequest<typeof KeyServicePattern.RemoveWebhook>) {
    return this.handler.execute(request);
  }
}
