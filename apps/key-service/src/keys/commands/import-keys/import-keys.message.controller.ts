import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ImportKeysCommand } from './import-keys.command';
import { ImportKeysHandler } from './import-keys.handler';

@Controller()
export class ImportKeysMessageController {
  constructor(private readonly handler: ImportKeysHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ImportKeys)
  importKeys(request: KeyServiceRequest<typeof KeyServicePattern.ImportKeys>) {
    return this.handler.execute(ImportKeysCommand.of(request));
  }
}
