import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { SetPasswordHandler } from './set-password.handler';

@Controller()
export class SetPasswordMessageController {
  constructor(private readonly handler: SetPasswordHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.SetPassword)
  setPassword(request: KeyServiceRequest<typeof KeyServicePattern.SetPassword>) {
    return this.handler.execute(request);
  }
}
