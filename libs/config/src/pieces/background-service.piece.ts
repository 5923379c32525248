import { z } from 'zod';
import { configPiece, portNumber } from './config-piece';

export interface BackgroundServiceConfig {
  /** key-service and usage-service answer GET /health here (for orchestrators); unset: no HTTP. */
  healthPort: number | null;
  /** How long a usage job's lock lasts: a worker that dies mid-job hands it on after this. */
  usageJobLockMs: number;
  /** How long a revoke waits for every live gateway to apply it before answering `pending`. */
  revokeConfirmTimeoutMs: number;
}

/** The RPC services (key service, usage service): their health port and job locks. */
export const backgroundServicePiece = configPiece({
  env: {
    HEALTH_PORT: portNumber.optional(),
    USAGE_JOB_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
    REVOKE_CONFIRM_TIMEOUT_MS: z.coerce.number().int().min(0).max(4_000).default(2_000),
  },
  build: (e): BackgroundServiceConfig => ({
    healthPort: e.HEALTH_PORT ?? null,
    usageJobLockMs: e.USAGE_JOB_LOCK_MS,
    revokeConfirmTimeoutMs: e.REVOKE_CONFIRM_TIMEOUT_MS,
  }),
});
