import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { RotateSecretHandler } from './rotate-secret.handler';

@Controller()
export class RotateSecretMessageController {
  constructor(private readonly handler: RotateSecretHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RotateWebhookSecret)
  rotate(request: KeyServiceRequest<typeof KeyServicePattern.RotateWebhookSecret>) {
    return this.handler.execute(request);
  }
}
