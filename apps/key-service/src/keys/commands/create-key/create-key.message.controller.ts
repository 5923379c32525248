import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { CreateKeyCommand } from './create-key.command';
import { CreateKeyHandler } from './create-key.handler';

@Controller()
export class CreateKeyMessageController {
  constructor(private readonly handler: CreateKeyHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.CreateKey)
  createKey(request: KeyServiceRequest<typeof KeyServicePattern.CreateKey>) {
    return this.handler.execute(CreateKeyCommand.of(request));
  }
}
