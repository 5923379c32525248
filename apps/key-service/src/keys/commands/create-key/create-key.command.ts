import {
  Actor,
  CreateKeyDto,
  KeyServicePattern,
  KeyServiceRequest,
  SYSTEM_ACTOR,
} from '@keygate/contracts';

export class CreateKeyCommand {
  constructor(
    readonly input: Omit<CreateKeyDto, 'actor'>,
    readonly actor: Actor,
  ) {}

  static of(dto: KeyServiceRequest<typeof KeyServicePattern.CreateKey>): CreateKeyCommand {
    const { actor, ...input } = dto;
    return new CreateKeyCommand(input, actor ?? SYSTEM_ACTOR);
  }
}
