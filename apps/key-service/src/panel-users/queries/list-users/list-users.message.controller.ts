import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';

@Controller()
export class ListUsersMessageController {
  constructor(private readonly users: PanelUsersRepository) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ListUsers)
  list(request: KeyServiceRequest<typeof KeyServicePattern.ListUsers>) {
    return this.users.ofAccount(request.accountId);
  }
}
