import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { UpdateWebhookHandler } from './update-webhook.handler';

@Controller()
export class UpdateWebhookMessageController {
  constructor(private readonly handler: UpdateWebhookHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.UpdateWebhook)
  update(request: KeyServiceRequest<typeof KeyServicePattern.UpdateWebhook>) {
    return this.handler.execute(request);
  }
}
