import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { OpenAccountCommand } from './open-account.command';
import { OpenAccountHandler } from './open-account.handler';

@Controller()
export class OpenAccountMessageController {
  constructor(private readonly handler: OpenAccountHandler) {}

  @MessagePattern(KeyServicePattern.OpenAccount)
  openAccount(@Payload() payload: unknown) {
    return this.handler.execute(OpenAccountCommand.from(payload));
  }
}
