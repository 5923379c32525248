import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern, accountRefSchema, parseInput } from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';

@Controller()
export class ListUsersMessageController {
  constructor(private readonly users: PanelUsersRepository) {}

  @MessagePattern(KeyServicePattern.ListUsers)
  list(@Payload() payload: unknown) {
    return this.users.ofAccount(parseInput(accountRefSchema, payload).accountId);
  }
}
