import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { ChangePlanCommand } from './change-plan.command';
import { ChangePlanHandler } from './change-plan.handler';

@Controller()
export class ChangePlanMessageController {
  constructor(private readonly handler: ChangePlanHandler) {}

  @MessagePattern(KeyServicePattern.ChangePlan)
  changePlan(@Payload() payload: unknown) {
    return this.handler.execute(ChangePlanCommand.from(payload));
  }
}
