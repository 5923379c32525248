import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { AddUserHandler } from './add-user.handler';

@Controller()
export class AddUserMessageController {
  constructor(private readonly handler: AddUserHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.AddUser)
  addUser(request: KeyServiceRequest<typeof KeyServicePattern.AddUser>) {
    return this.handler.execute(request);
  }
}
