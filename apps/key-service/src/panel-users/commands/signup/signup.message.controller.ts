import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { SignupHandler } from './signup.handler';

@Controller()
export class SignupMessageController {
  constructor(private readonly handler: SignupHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.Signup)
  signup(request: KeyServiceRequest<typeof KeyServicePattern.Signup>) {
    return this.handler.execute(request);
  }
}
