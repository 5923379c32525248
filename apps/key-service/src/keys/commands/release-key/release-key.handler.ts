import { Injectable } from '@nestjs/common';
import { KeyView } from '@keygate/contracts';
import { KeyMutation } from '../../key-mutation';
import { ReleaseKeyCommand } from './release-key.command';

/** An admin judged a quarantined key safe; answers once every gateway can read that it works again. */
@Injectable()
export class ReleaseKeyHandler {
  constructor(private readonly mutation: KeyMutation) {}

  async execute(command: ReleaseKeyCommand): Promise<KeyView> {
    const { key, now } = await this.mutation.run(command, (k, at) => k.release(at));
    return key.toView(now);
  }
}
