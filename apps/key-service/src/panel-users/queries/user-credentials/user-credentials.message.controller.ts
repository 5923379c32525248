import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern, parseInput, userCredentialsQuerySchema } from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';

/** For the gateway's login check only: the user with its password hash, or null. */
@Controller()
export class UserCredentialsMessageController {
  constructor(private readonly users: PanelUsersRepository) {}

  @MessagePattern(KeyServicePattern.UserCredentials)
  credentials(@Payload() payload: unknown) {
    return this.users.credentials(parseInput(userCredentialsQuerySchema, payload).email);
  }
}
