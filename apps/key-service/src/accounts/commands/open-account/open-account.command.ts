import { Actor, KeyServicePattern, KeyServiceRequest, SYSTEM_ACTOR } from '@keygate/contracts';

export class OpenAccountCommand {
  constructor(
    readonly name: string,
    readonly plan: string | undefined,
    readonly actor: Actor,
  ) {}

  static of(dto: KeyServiceRequest<typeof KeyServicePattern.OpenAccount>): OpenAccountCommand {
    return new OpenAccountCommand(dto.name, dto.plan, dto.actor ?? SYSTEM_ACTOR);
  }
}
