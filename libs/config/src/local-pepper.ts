import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * For local runs only: the HMAC pepper is generated once and kept in the data folder, so keys
 * stay valid across restarts. `wx` makes concurrent first starts agree on one pepper.
 */
export function loadOrCreateLocalPepper(dataDir: string): Buffer {
  const file = join(dataDir, 'pepper');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}
