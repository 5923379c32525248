import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern, changeUserRoleSchema, parseInput } from '@keygate/contracts';
import { ChangeRoleHandler } from './change-role.handler';

@Controller()
export class ChangeRoleMessageController {
  constructor(private readonly handler: ChangeRoleHandler) {}

  @MessagePattern(KeyServicePattern.ChangeUserRole)
  changeRole(@Payload() payload: unknown) {
    return this.handler.execute(parseInput(changeUserRoleSchema, payload));
  }
}
