import { Actor, KeyServicePattern, KeyServiceRequest, SYSTEM_ACTOR } from '@keygate/contracts';

export class ChangePlanCommand {
  constructor(
    readonly accountId: string,
    readonly plan: string,
    readonly actor: Actor,
  ) {}

  static of(dto: KeyServiceRequest<typeof KeyServicePattern.ChangePlan>): ChangePlanCommand {
    return new ChangePlanCommand(dto.accountId, dto.plan, dto.actor ?? SYSTEM_ACTOR);
  }
}
