import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { DeleteKeyCommand } from './delete-key.command';
import { DeleteKeyHandler } from './delete-key.handler';

@Controller()
export class DeleteKeyMessageController {
  constructor(private readonly handler: DeleteKeyHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.DeleteKey)
  deleteKey(request: KeyServiceRequest<typeof KeyServicePattern.DeleteKey>) {
    return this.handler.execute(DeleteKeyCommand.of(request));
  }
}
