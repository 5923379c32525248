import { Actor, SYSTEM_ACTOR, parseInput, updateKeySchema } from '@keygate/contracts';
import { KeyChanges } from '../../api-key.aggregate';

export class UpdateKeyCommand {
  constructor(
    readonly accountId: string,
    readonly keyId: string,
    readonly changes: KeyChanges,
    readonly actor: Actor,
  ) {}

  static from(payload: unknown): UpdateKeyCommand {
    const { accountId, keyId, actor, ...changes } = parseInput(updateKeySchema, payload);
    return new UpdateKeyCommand(accountId, keyId, changes, actor ?? SYSTEM_ACTOR);
  }
}
