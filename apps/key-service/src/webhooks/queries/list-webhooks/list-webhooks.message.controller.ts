import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ListWebhooksHandler } from './list-webhooks.handler';

@Controller()
export class ListWebhooksMessageController {
  constructor(private readonly handler: ListWebhooksHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ListWebhooks)
  list(request: KeyServiceRequest<typeof KeyServicePattern.ListWebhooks>) {
    return this.handler.execute(request.accountId);
  }
}
