import { Injectable } from '@nestjs/common';
import { KeyView } from '@keygate/contracts';
import { KeyMutation } from '../../key-mutation';
import { UpdateKeyCommand } from './update-key.command';

@Injectable()
export class UpdateKeyHandler {
  constructor(private readonly mutation: KeyMutation) {}

  async execute(command: UpdateKeyCommand): Promise<KeyView> {
    const { key, now } = await this.mutation.run(command, (k, at) => k.update(command.changes, at));
    return key.toView(now);
  }
}
