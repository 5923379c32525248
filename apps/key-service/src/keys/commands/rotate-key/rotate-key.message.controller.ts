import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { RotateKeyCommand } from './rotate-key.command';
import { RotateKeyHandler } from './rotate-key.handler';

@Controller()
export class RotateKeyMessageController {
  constructor(private readonly handler: RotateKeyHandler) {}

  @MessagePattern(KeyServicePattern.RotateKey)
  rotateKey(@Payload() payload: unknown) {
    return this.handler.execute(RotateKeyCommand.from(payload));
  }
}
