import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ReleaseKeyCommand } from './release-key.command';
import { ReleaseKeyHandler } from './release-key.handler';

@Controller()
export class ReleaseKeyMessageController {
  constructor(private readonly handler: ReleaseKeyHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ReleaseKey)
  releaseKey(request: KeyServiceRequest<typeof KeyServicePattern.ReleaseKey>) {
    return this.handler.execute(ReleaseKeyCommand.of(request));
  }
}
