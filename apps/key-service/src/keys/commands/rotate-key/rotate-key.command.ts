import { Actor, SYSTEM_ACTOR, parseInput, rotateKeySchema } from '@keygate/contracts';

export class RotateKeyCommand {
  constructor(
    readonly accountId: string,
    readonly keyId: string,
    readonly gracePeriodSeconds: number,
    readonly actor: Actor,
  ) {}

  static from(payload: unknown): RotateKeyCommand {
    const dto = parseInput(rotateKeySchema, payload);
    return new RotateKeyCommand(
      dto.accountId,
      dto.keyId,
      dto.gracePeriodSeconds,
      dto.actor ?? SYSTEM_ACTOR,
    );
  }
}
