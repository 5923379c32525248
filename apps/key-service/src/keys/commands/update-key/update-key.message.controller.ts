import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { UpdateKeyCommand } from './update-key.command';
import { UpdateKeyHandler } from './update-key.handler';

@Controller()
export class UpdateKeyMessageController {
  constructor(private readonly handler: UpdateKeyHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.UpdateKey)
  updateKey(request: KeyServiceRequest<typeof KeyServicePattern.UpdateKey>) {
    return this.handler.execute(UpdateKeyCommand.of(request));
  }
}
