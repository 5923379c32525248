import { Actor, KeyServicePattern, KeyServiceRequest, SYSTEM_ACTOR } from '@keygate/contracts';

/** A command that names one key of one account and nothing else (revoke, delete). */
export abstract class KeyRefCommand {
  constructor(
    readonly accountId: string,
    readonly keyId: string,
    readonly actor: Actor,
  ) {}

  static of<T extends KeyRefCommand>(
    this: new (accountId: string, keyId: string, actor: Actor) => T,
    dto: KeyServiceRequest<typeof KeyServicePattern.RevokeKey>,
  ): T {
    return new this(dto.accountId, dto.keyId, dto.actor ?? SYSTEM_ACTOR);
  }
}
