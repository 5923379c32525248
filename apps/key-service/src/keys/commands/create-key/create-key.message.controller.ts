import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { CreateKeyCommand } from './create-key.command';
import { CreateKeyHandler } from './create-key.handler';

@Controller()
export class CreateKeyMessageController {
  constructor(private readonly handler: CreateKeyHandler) {}

  @MessagePattern(KeyServicePattern.CreateKey)
  createKey(@Payload() payload: unknown) {
    return this.handler.execute(CreateKeyCommand.from(payload));
  }
}
