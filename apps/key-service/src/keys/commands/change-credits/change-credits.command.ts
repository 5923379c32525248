import { Actor, KeyServicePattern, KeyServiceRequest, SYSTEM_ACTOR } from '@keygate/contracts';
import { CreditsChange } from '../../../domain/api-key.aggregate';

export class ChangeCreditsCommand {
  constructor(
    readonly accountId: string,
    readonly keyId: string,
    readonly change: CreditsChange,
    readonly actor: Actor,
  ) {}

  static of(dto: KeyServiceRequest<typeof KeyServicePattern.ChangeCredits>): ChangeCreditsCommand {
    const { accountId, keyId, actor, ...change } = dto;
    return new ChangeCreditsCommand(accountId, keyId, change, actor ?? SYSTEM_ACTOR);
  }
}
