import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern } from '@keygate/contracts';
import { ImportKeysCommand } from './import-keys.command';
import { ImportKeysHandler } from './import-keys.handler';

@Controller()
export class ImportKeysMessageController {
  constructor(private readonly handler: ImportKeysHandler) {}

  @MessagePattern(KeyServicePattern.ImportKeys)
  importKeys(@Payload() payload: unknown) {
    return this.handler.execute(ImportKeysCommand.from(payload));
  }
}
