import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { RevokeKeyCommand } from './revoke-key.command';
import { RevokeKeyHandler } from './revoke-key.handler';

@Controller()
export class RevokeKeyMessageController {
  constructor(private readonly handler: RevokeKeyHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RevokeKey)
  revokeKey(request: KeyServiceRequest<typeof KeyServicePattern.RevokeKey>) {
    return this.handler.execute(RevokeKeyCommand.of(request));
  }
}
