import { z } from 'zod';

/**
 * One part of a Keygate app's configuration: the environment variables it reads (a zod shape,
 * so each is validated and defaulted in one place), what it builds from them, and any problem
 * that only shows across variables.
 */
export interface ConfigPiece<S extends z.ZodRawShape, C> {
  env: S;
  build(e: z.infer<z.ZodObject<S>>): C;
  problems?(e: z.infer<z.ZodObject<S>>): string[];
}

export const configPiece = <S extends z.ZodRawShape, C>(piece: ConfigPiece<S, C>) => piece;

export function isUrlWith(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export const urlWith = (protocols: string[]) =>
  z
    .string()
    .refine((value) => isUrlWith(value, protocols), `must be a ${protocols.join(' or ')} URL`);

export const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const portNumber = z.coerce.number().int().min(0).max(65535);
export const byteLimit = (defaultBytes: number) =>
  z.coerce.number().int().min(1024).default(defaultBytes);
export const milliseconds = (minimum: number, defaultMs: number) =>
  z.coerce.number().int().min(minimum).default(defaultMs);

/**
 * Variables more than one piece reads (the shared piece, and the key secrets for the production
 * check and the local pepper's folder): defined once so their defaults cannot drift apart.
 */
export const nodeEnv = z.string().default('development');
export const dataDir = z.string().default('.keygate');

/** Where users reach an app: the URL given, or localhost on its port; no trailing slash. */
export const publicAddress = (url: string | undefined, port: number): string =>
  (url ?? `http://localhost:${port}`).replace(/\/+$/, '');
