import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { UpdateKeyCommand } from './update-key.command';
import { UpdateKeyHandler } from './update-key.handler';

@Controller()
export class UpdateKeyMessageController {
  constructor(private readonly handler: UpdateKeyHandler) {}

  @MessagePattern(KeyServicePattern.UpdateKey)
  updateKey(@Payload() payload: unknown) {
    return this.handler.execute(UpdateKeyCommand.from(payload));
  }
}
