import { z } from 'zod';
import { ValidationError } from '../errors';

/** `keys.3.secret` as `keys[3].secret`, as people write list positions. */
const fieldName = (path: Array<string | number>) =>
  path.reduce<string>(
    (name, part) =>
      typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part,
    '',
  );

/**
 * Parses untrusted input; on failure throws one ValidationError naming every bad field, list
 * positions in brackets (`rateLimits[1].windowSeconds`, `keys[0].secret`).
 */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: issue.path.length ? fieldName(issue.path) : '(body)',
      message: issue.message,
    })),
  );
}
