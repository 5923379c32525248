import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { AddWebhookHandler } from './add-webhook.handler';

@Controller()
export class AddWebhookMessageController {
  constructor(private readonly handler: AddWebhookHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.AddWebhook)
  add(request: KeyServiceRequest<typeof KeyServicePattern.AddWebhook>) {
    return this.handler.execute(request);
  }
}
