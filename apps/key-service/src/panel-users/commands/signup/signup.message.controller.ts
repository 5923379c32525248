import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern, parseInput, signupSchema } from '@keygate/contracts';
import { SignupHandler } from './signup.handler';

@Controller()
export class SignupMessageController {
  constructor(private readonly handler: SignupHandler) {}

  @MessagePattern(KeyServicePattern.Signup)
  signup(@Payload() payload: unknown) {
    return this.handler.execute(parseInput(signupSchema, payload));
  }
}
