import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ChangePlanCommand } from './change-plan.command';
import { ChangePlanHandler } from './change-plan.handler';

@Controller()
export class ChangePlanMessageController {
  constructor(private readonly handler: ChangePlanHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ChangePlan)
  changePlan(request: KeyServiceRequest<typeof KeyServicePattern.ChangePlan>) {
    return this.handler.execute(ChangePlanCommand.of(request));
  }
}
