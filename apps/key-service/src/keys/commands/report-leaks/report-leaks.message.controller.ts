import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { ReportLeaksHandler } from './report-leaks.handler';

@Controller()
export class ReportLeaksMessageController {
  constructor(private readonly handler: ReportLeaksHandler) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ReportLeaks)
  reportLeaks(request: KeyServiceRequest<typeof KeyServicePattern.ReportLeaks>) {
    return this.handler.execute(request);
  }
}
