import { Injectable } from '@nestjs/common';
import { KeyView } from '@keygate/contracts';
import { KeyMutation } from '../../key-mutation';
import { ChangeCreditsCommand } from './change-credits.command';

/** Sets or tops up a key's credits; answers once the change is on the stream every gateway reads. */
@Injectable()
export class ChangeCreditsHandler {
  constructor(private readonly mutation: KeyMutation) {}

  async execute(command: ChangeCreditsCommand): Promise<KeyView> {
    const { key, now } = await this.mutation.run(command, (k, at) =>
      k.changeCredits(command.change, at),
    );
    return key.toView(now);
  }
}
