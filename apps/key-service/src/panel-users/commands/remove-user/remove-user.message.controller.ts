import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { RemoveUserHandler } from './remove-user.handler';

@Controller()
export class RemoveUserMessageController {
  constructor(private readonly handler: RemoveUserHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RemoveUser)
  removeUser(request: KeyServiceRequest<typeof KeyServicePattern.RemoveUser>) {
    return this.handler.execute(request);
  }
}
