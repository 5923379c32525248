import { Injectable } from '@nestjs/common';
import { IssuedKey } from '@keygate/contracts';
import { KeyMutation } from '../../key-mutation';
import { SecretIssuer } from '../../secrets/secret-issuer';
import { RotateKeyCommand } from './rotate-key.command';

@Injectable()
export class RotateKeyHandler {
  constructor(
    private readonly mutation: KeyMutation,
    private readonly secrets: SecretIssuer,
  ) {}

  async execute(command: RotateKeyCommand): Promise<IssuedKey> {
    const {
      key,
      result: secret,
      now,
    } = await this.mutation.run(command, (k, at) => {
      const issued = this.secrets.issue(k.environment);
      k.rotate(issued, command.gracePeriodSeconds, at);
      return issued.secret;
    });
    return { key: key.toView(now), secret };
  }
}
