import { z } from 'zod';
import { ConfigPiece } from './pieces/config-piece';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any piece, whatever its shape
type AnyPiece = ConfigPiece<any, object>;
type BuiltBy<P> = P extends ConfigPiece<z.ZodRawShape, infer C> ? C : never;
type AllOf<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void
  ? I
  : never;

const isSection = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/** Pieces may each fill part of one section (`http`): sections are merged, not replaced. */
function merged(parts: object[]): Record<string, unknown> {
  const whole: Record<string, unknown> = {};
  for (const part of parts)
    for (const [name, value] of Object.entries(part)) {
      const current = whole[name];
      whole[name] = isSection(current) && isSection(value) ? { ...current, ...value } : value;
    }
  return whole;
}

/**
 * One app's configuration loader, made of the pieces it uses: it reads only their variables,
 * names every bad one at once, and builds nothing until all are good.
 */
export function composeConfig<P extends AnyPiece[]>(...pieces: P) {
  const schema = z.object(Object.assign({}, ...pieces.map((piece) => piece.env)));
  return (env: NodeJS.ProcessEnv = process.env): AllOf<BuiltBy<P[number]>> => {
    const present = Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
    );
    const parsed = schema.safeParse(present);
    if (!parsed.success)
      throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const problems = pieces.flatMap((piece) => piece.problems?.(parsed.data) ?? []);
    if (problems.length > 0) throw new ConfigError(problems);
    return merged(pieces.map((piece) => piece.build(parsed.data))) as AllOf<BuiltBy<P[number]>>;
  };
}
