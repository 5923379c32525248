import { z } from 'zod';
import { booleanFlag, configPiece } from './config-piece';

export interface WebhooksConfig {
  webhooks: {
    /** true (tests only): endpoints may be on loopback or private addresses. */
    allowPrivateTargets: boolean;
    /** How long one delivery attempt may take, connect to last byte. */
    timeoutMs: number;
    /** Waits before each retry of a failed delivery; after the last, it is dead-lettered. */
    retryScheduleMs: number[];
    /** Days before a key's expiry on which `key.expiring` is sent. */
    expiryReminderDays: number[];
    /** Attempts in flight at once, across all endpoints. */
    concurrency: number;
    /** How often due deliveries are looked for (new events wake it at once). */
    pollMs: number;
    /** How often keys near their expiry are looked for. */
    reminderScanMs: number;
  };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5s,5m,30m` as milliseconds; null when any part is not a number with a unit. */
export function parseDurations(text: string): number[] | null {
  const parts = text.split(',').map((part) => part.trim());
  const durations: number[] = [];
  for (const part of parts) {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(part);
    if (!match) return null;
    durations.push(Number(match[1]) * UNIT_MS[match[2]]);
  }
  return durations;
}

const durationList = z
  .string()
  .refine(
    (text) => parseDurations(text) !== null,
    'must be durations like 5s,5m,30m (units ms, s, m, h, d)',
  )
  .transform((text) => parseDurations(text) as number[]);

const dayList = z
  .string()
  .regex(/^\d{1,3}(,\d{1,3})*$/, 'must be whole days like 30,7,1')
  .transform((text) => [...new Set(text.split(',').map(Number))].sort((a, b) => b - a))
  .refine((days) => days.every((day) => day >= 1), 'must be days of 1 or more');

/** Webhooks: where they may go (Panel: at save; key service: at send), retries, reminders. */
export const webhooksPiece = configPiece({
  env: {
    WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFlag.default('false'),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    WEBHOOK_RETRY_SCHEDULE: durationList.default('5s,5m,30m,2h,5h,10h,10h'),
    KEY_EXPIRY_REMINDER_DAYS: dayList.default('30,7,1'),
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
    WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    KEY_EXPIRY_REMINDER_SCAN_MS: z.coerce.number().int().min(10).default(60_000),
  },
  build: (e): WebhooksConfig => ({
    webhooks: {
      allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: e.WEBHOOK_RETRY_SCHEDULE,
      expiryReminderDays: e.KEY_EXPIRY_REMINDER_DAYS,
      concurrency: e.WEBHOOK_CONCURRENCY,
      pollMs: e.WEBHOOK_POLL_MS,
      reminderScanMs: e.KEY_EXPIRY_REMINDER_SCAN_MS,
    },
  }),
});
