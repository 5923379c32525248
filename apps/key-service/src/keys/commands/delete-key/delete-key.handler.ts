import { Injectable } from '@nestjs/common';
import { KeyMutation } from '../../key-mutation';
import { DeleteKeyCommand } from './delete-key.command';

@Injectable()
export class DeleteKeyHandler {
  constructor(private readonly mutation: KeyMutation) {}

  async execute(command: DeleteKeyCommand): Promise<{ deleted: true; keyId: string }> {
    await this.mutation.run(command, (k, at) => k.delete(at));
    return { deleted: true, keyId: command.keyId };
  }
}
