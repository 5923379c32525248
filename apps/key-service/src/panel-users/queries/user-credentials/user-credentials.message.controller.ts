import { Answers } from '@keygate/connections';
import { Controller } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';

/** For the gateway's login check only: the user with its password hash, or null. */
@Controller()
export class UserCredentialsMessageController {
  constructor(private readonly users: PanelUsersRepository) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.UserCredentials)
  credentials(request: KeyServiceRequest<typeof KeyServicePattern.UserCredentials>) {
    return this.users.credentials(request.email);
  }
}
