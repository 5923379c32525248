import { z } from 'zod';
import { isValidKeyPrefix } from '@keygate/key-secret';
import { loadOrCreateLocalPepper } from '../local-pepper';
import { configPiece, dataDir, nodeEnv } from './config-piece';

export interface KeySecretsConfig {
  keyPrefix: string;
  /** The HMAC key of every stored secret hash. */
  keyPepper: Buffer;
}

/** How secrets look and are hashed: the key service issues them, the gateway checks them. */
export const keySecretsPiece = configPiece({
  env: {
    NODE_ENV: nodeEnv,
    KEYGATE_DATA_DIR: dataDir,
    KEY_PREFIX: z
      .string()
      .refine(isValidKeyPrefix, 'must be 1-10 lowercase letters/digits, starting with a letter')
      .default('kg'),
    KEY_PEPPER: z.string().min(32, 'must be at least 32 characters').optional(),
  },
  problems: (e) =>
    e.NODE_ENV === 'production' && !e.KEY_PEPPER
      ? ['KEY_PEPPER: is required when NODE_ENV=production']
      : [],
  build: (e): KeySecretsConfig => ({
    keyPrefix: e.KEY_PREFIX,
    keyPepper: e.KEY_PEPPER
      ? Buffer.from(e.KEY_PEPPER, 'utf8')
      : loadOrCreateLocalPepper(e.KEYGATE_DATA_DIR),
  }),
});
