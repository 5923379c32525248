import {
  Actor,
  ImportKeysDto,
  SYSTEM_ACTOR,
  ValidationError,
  importKeysSchema,
} from '@keygate/contracts';

/** `keys.3.secret` as a person reads it: `keys[3].secret`. */
const fieldName = (path: Array<string | number>) =>
  path.reduce<string>(
    (name, part) =>
      typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part,
    '',
  ) || '(body)';

export class ImportKeysCommand {
  constructor(
    readonly input: Omit<ImportKeysDto, 'actor'>,
    readonly actor: Actor,
  ) {}

  /** Validates every key before anything is written: one 400 names every bad field. */
  static from(payload: unknown): ImportKeysCommand {
    const result = importKeysSchema.safeParse(payload);
    if (!result.success)
      throw new ValidationError(
        result.error.issues.map((issue) => ({
          field: fieldName(issue.path),
          message: issue.message,
        })),
      );
    const { actor, ...input } = result.data;
    return new ImportKeysCommand(input, actor ?? SYSTEM_ACTOR);
  }
}
