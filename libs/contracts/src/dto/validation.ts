import { z } from 'zod';
import { ValidationError } from '../errors';

/** `keys.3.secret` as `keys[3].secret`, for inputs whose lists people count in (an import). */
const withBracketedIndexes = (path: Array<string | number>) =>
  path.reduce<string>(
    (name, part) =>
      typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part,
    '',
  );

/**
 * Parses untrusted input; on failure throws one ValidationError naming every bad field, list
 * positions as `rules.0.actions`, or `keys[0].secret` with `bracketIndexes`.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  options: { bracketIndexes?: boolean } = {},
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: !issue.path.length
        ? '(body)'
        : options.bracketIndexes
          ? withBracketedIndexes(issue.path)
          : issue.path.join('.'),
      message: issue.message,
    })),
  );
}
