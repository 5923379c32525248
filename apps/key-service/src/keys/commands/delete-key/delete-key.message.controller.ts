import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { DeleteKeyCommand } from './delete-key.command';
import { DeleteKeyHandler } from './delete-key.handler';

@Controller()
export class DeleteKeyMessageController {
  constructor(private readonly handler: DeleteKeyHandler) {}

  @MessagePattern(KeyServicePattern.DeleteKey)
  deleteKey(@Payload() payload: unknown) {
    return this.handler.execute(DeleteKeyCommand.from(payload));
  }
}
