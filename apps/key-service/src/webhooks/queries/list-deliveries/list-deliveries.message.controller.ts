import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ListDeliveriesHandler } from './list-deliveries.handler';

@Controller()
export class ListDeliveriesMessageController {
  constructor(private readonly handler: ListDeliveriesHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ListDeliveries)
  list(request: KeyServiceRequest<typeof KeyServicePattern.ListDeliveries>) {
    return this.handler.execute(request);
  }
}
