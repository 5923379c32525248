import {
  Actor,
  ImportKeysDto,
  SYSTEM_ACTOR,
  importKeysSchema,
  parseInput,
} from '@keygate/contracts';

export class ImportKeysCommand {
  constructor(
    readonly input: Omit<ImportKeysDto, 'actor'>,
    readonly actor: Actor,
  ) {}

  /** Validates every key before anything is written: one 400 names every bad field. */
  static from(payload: unknown): ImportKeysCommand {
    const { actor, ...input } = parseInput(importKeysSchema, payload, { bracketIndexes: true });
    return new ImportKeysCommand(input, actor ?? SYSTEM_ACTOR);
  }
}
