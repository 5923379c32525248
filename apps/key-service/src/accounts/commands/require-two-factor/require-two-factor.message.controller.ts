import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { RequireTwoFactorHandler } from './require-two-factor.handler';

@Controller()
export class RequireTwoFactorMessageController {
  constructor(private readonly handler: RequireTwoFactorHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RequireTwoFactor)
  requireTwoFactor(request: KeyServiceRequest<typeof KeyServicePattern.RequireTwoFactor>) {
    return this.handler.execute(request);
  }
}
