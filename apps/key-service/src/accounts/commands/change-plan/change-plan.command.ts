import { Actor, SYSTEM_ACTOR, changePlanSchema, parseInput } from '@keygate/contracts';

export class ChangePlanCommand {
  constructor(
    readonly accountId: string,
    readonly plan: string,
    readonly actor: Actor,
  ) {}

  static from(payload: unknown): ChangePlanCommand {
    const dto = parseInput(changePlanSchema, payload);
    return new ChangePlanCommand(dto.accountId, dto.plan, dto.actor ?? SYSTEM_ACTOR);
  }
}
