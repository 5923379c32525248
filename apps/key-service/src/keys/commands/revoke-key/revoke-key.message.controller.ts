import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { RevokeKeyCommand } from './revoke-key.command';
import { RevokeKeyHandler } from './revoke-key.handler';

@Controller()
export class RevokeKeyMessageController {
  constructor(private readonly handler: RevokeKeyHandler) {}

  @MessagePattern(KeyServicePattern.RevokeKey)
  revokeKey(@Payload() payload: unknown) {
    return this.handler.execute(RevokeKeyCommand.from(payload));
  }
}
