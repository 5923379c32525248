import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { OpenAccountCommand } from './open-account.command';
import { OpenAccountHandler } from './open-account.handler';

@Controller()
export class OpenAccountMessageController {
  constructor(private readonly handler: OpenAccountHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.OpenAccount)
  openAccount(request: KeyServiceRequest<typeof KeyServicePattern.OpenAccount>) {
    return this.handler.execute(OpenAccountCommand.of(request));
  }
}
