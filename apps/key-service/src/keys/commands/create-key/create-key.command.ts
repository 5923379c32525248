import { Actor, CreateKeyDto, SYSTEM_ACTOR, createKeySchema, parseInput } from '@keygate/contracts';

export class CreateKeyCommand {
  constructor(
    readonly input: Omit<CreateKeyDto, 'actor'>,
    readonly actor: Actor,
  ) {}

  static from(payload: unknown): CreateKeyCommand {
    const { actor, ...input } = parseInput(createKeySchema, payload);
    return new CreateKeyCommand(input, actor ?? SYSTEM_ACTOR);
  }
}
