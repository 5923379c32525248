import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ChangeCreditsCommand } from './change-credits.command';
import { ChangeCreditsHandler } from './change-credits.handler';

@Controller()
export class ChangeCreditsMessageController {
  constructor(private readonly handler: ChangeCreditsHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ChangeCredits)
  changeCredits(request: KeyServiceRequest<typeof KeyServicePattern.ChangeCredits>) {
    return this.handler.execute(ChangeCreditsCommand.of(request));
  }
}
