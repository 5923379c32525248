import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ReplayDeliveryHandler } from './replay-delivery.handler';

@Controller()
export class ReplayDeliveryMessageController {
  constructor(private readonly handler: ReplayDeliveryHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ReplayDelivery)
  replay(request: KeyServiceRequest<typeof KeyServicePattern.ReplayDelivery>) {
    return this.handler.execute(request);
  }
}
