import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { TwoFactorHandler } from './two-factor.handler';

type Request<P extends keyof typeof KEY_SERVICE_MESSAGES> = KeyServiceRequest<P>;

@Controller()
export class TwoFactorMessageController {
  constructor(private readonly handler: TwoFactorHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.BeginTwoFactor)
  begin(request: Request<typeof KeyServicePattern.BeginTwoFactor>) {
    return this.handler.begin(request);
  }

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ConfirmTwoFactor)
  confirm(request: Request<typeof KeyServicePattern.ConfirmTwoFactor>) {
    return this.handler.confirm(request);
  }

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.DisableTwoFactor)
  disable(request: Request<typeof KeyServicePattern.DisableTwoFactor>) {
    return this.handler.disable(request);
  }

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.VerifyTwoFactor)
  verify(request: Request<typeof KeyServicePattern.VerifyTwoFactor>) {
    return this.handler.verify(request);
  }
}
