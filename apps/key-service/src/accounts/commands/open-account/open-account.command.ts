import { Actor, SYSTEM_ACTOR, openAccountSchema, parseInput } from '@keygate/contracts';

export class OpenAccountCommand {
  constructor(
    readonly name: string,
    readonly plan: string | undefined,
    readonly actor: Actor,
  ) {}

  static from(payload: unknown): OpenAccountCommand {
    const dto = parseInput(openAccountSchema, payload);
    return new OpenAccountCommand(dto.name, dto.plan, dto.actor ?? SYSTEM_ACTOR);
  }
}
