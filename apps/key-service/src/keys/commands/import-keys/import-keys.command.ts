import {
  Actor,
  ImportKeysDto,
  KeyServicePattern,
  KeyServiceRequest,
  SYSTEM_ACTOR,
} from '@keygate/contracts';

export class ImportKeysCommand {
  constructor(
    readonly input: Omit<ImportKeysDto, 'actor'>,
    readonly actor: Actor,
  ) {}

  /** Validates every key before anything is written: one 400 names every bad field. */
  static of(dto: KeyServiceRequest<typeof KeyServicePattern.ImportKeys>): ImportKeysCommand {
    const { actor, ...input } = dto;
    return new ImportKeysCommand(input, actor ?? SYSTEM_ACTOR);
  }
}
