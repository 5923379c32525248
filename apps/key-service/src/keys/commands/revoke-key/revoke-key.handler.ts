import { Injectable } from '@nestjs/common';
import { KeyView } from '@keygate/contracts';
import { KeyMutation } from '../../key-mutation';
import { RevokeKeyCommand } from './revoke-key.command';

/** Answers once the KeyRevoked event is on the stream, so gateways can drop the key right away. */
@Injectable()
export class RevokeKeyHandler {
  constructor(private readonly mutation: KeyMutation) {}

  async execute(command: RevokeKeyCommand): Promise<KeyView> {
    const { key, now } = await this.mutation.run(command, (k, at) => k.revoke(at));
    return key.toView(now);
  }
}
