import { Actor, KeyServicePattern, KeyServiceRequest, SYSTEM_ACTOR } from '@keygate/contracts';

export class RotateKeyCommand {
  constructor(
    readonly accountId: string,
    readonly keyId: string,
    readonly gracePeriodSeconds: number,
    readonly actor: Actor,
  ) {}

  static of(dto: KeyServiceRequest<typeof KeyServicePattern.RotateKey>): RotateKeyCommand {
    return new RotateKeyCommand(
      dto.accountId,
      dto.keyId,
      dto.gracePeriodSeconds,
      dto.actor ?? SYSTEM_ACTOR,
    );
  }
}
