import { Actor, SYSTEM_ACTOR, keyRefSchema, parseInput } from '@keygate/contracts';

/** A command that names one key of one account and nothing else (revoke, delete). */
export abstract class KeyRefCommand {
  constructor(
    readonly accountId: string,
    readonly keyId: string,
    readonly actor: Actor,
  ) {}

  static from<T extends KeyRefCommand>(
    this: new (accountId: string, keyId: string, actor: Actor) => T,
    payload: unknown,
  ): T {
    const dto = parseInput(keyRefSchema, payload);
    return new this(dto.accountId, dto.keyId, dto.actor ?? SYSTEM_ACTOR);
  }
}
