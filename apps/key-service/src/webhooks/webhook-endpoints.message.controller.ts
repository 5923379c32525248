import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { WebhookEndpoints } from './webhook-endpoints.handlers';

@Controller()
export class WebhookEndpointsMessageController {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.AddWebhook)
  add(request: KeyServiceRequest<typeof KeyServicePattern.AddWebhook>) {
    return this.endpoints.add(request);
  }

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ListWebhooks)
  list(request: KeyServiceRequest<typeof KeyServicePattern.ListWebhooks>) {
    return this.endpoints.list(request.accountId);
  }

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.UpdateWebhook)
  update(request: KeyServiceRequest<typeof KeyServicePattern.UpdateWebhook>) {
    return this.endpoints.update(request);
  }

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RemoveWebhook)
  remove(request: KeyServiceRequest<typeof KeyServicePattern.RemoveWebhook>) {
    return this.endpoints.remove(request);
  }

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.WebhookSigning)
  signing(request: KeyServiceRequest<typeof KeyServicePattern.WebhookSigning>) {
    return this.endpoints.signing(request);
  }
}
