import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { TestWebhookHandler } from './test-webhook.handler';

@Controller()
export class TestWebhookMessageController {
  constructor(private readonly handler: TestWebhookHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.TestWebhook)
  test(request: KeyServiceRequest<typeof KeyServicePattern.TestWebhook>) {
    return this.handler.execute(request);
  }
}
