import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern, addUserSchema, parseInput } from '@keygate/contracts';
import { AddUserHandler } from './add-user.handler';

@Controller()
export class AddUserMessageController {
  constructor(private readonly handler: AddUserHandler) {}

  @MessagePattern(KeyServicePattern.AddUser)
  addUser(@Payload() payload: unknown) {
    return this.handler.execute(parseInput(addUserSchema, payload));
  }
}
