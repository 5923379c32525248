import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { RecordPasswordResetHandler } from './record-password-reset.handler';

@Controller()
export class RecordPasswordResetMessageController {
  constructor(private readonly handler: RecordPasswordResetHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RecordPasswordReset)
  recordPasswordReset(request: KeyServiceRequest<typeof KeyServicePattern.RecordPasswordReset>) {
    return this.handler.execute(request);
  }
}
