import { Actor, KeyServicePattern, KeyServiceRequest, SYSTEM_ACTOR } from '@keygate/contracts';
import { KeyChanges } from '../../../domain/api-key.aggregate';

export class UpdateKeyCommand {
  constructor(
    readonly accountId: string,
    readonly keyId: string,
    readonly changes: KeyChanges,
    readonly actor: Actor,
  ) {}

  static of(dto: KeyServiceRequest<typeof KeyServicePattern.UpdateKey>): UpdateKeyCommand {
    const { accountId, keyId, actor, ...changes } = dto;
    return new UpdateKeyCommand(accountId, keyId, changes, actor ?? SYSTEM_ACTOR);
  }
}
