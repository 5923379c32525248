import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { RotateKeyCommand } from './rotate-key.command';
import { RotateKeyHandler } from './rotate-key.handler';

@Controller()
export class RotateKeyMessageController {
  constructor(private readonly handler: RotateKeyHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.RotateKey)
  rotateKey(request: KeyServiceRequest<typeof KeyServicePattern.RotateKey>) {
    return this.handler.execute(RotateKeyCommand.of(request));
  }
}
