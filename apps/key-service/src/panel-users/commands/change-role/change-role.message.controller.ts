import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ChangeRoleHandler } from './change-role.handler';

@Controller()
export class ChangeRoleMessageController {
  constructor(private readonly handler: ChangeRoleHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ChangeUserRole)
  changeRole(request: KeyServiceRequest<typeof KeyServicePattern.ChangeUserRole>) {
    return this.handler.execute(request);
  }
}
