import { z } from 'zod';
import { CreditsLeft } from '../credits/credits-fold';

export const accountUsageQuerySchema = z
  .object({ accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id') })
  .strict();
export const keyUsageQuerySchema = z
  .object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id'),
    keyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id'),
  })
  .strict();

/** A 30-day usage series, as the Panel's chart draws it. */
export interface UsageSeries {
  windowDays: 30;
  limit: number;
  used: number;
  remaining: number;
  /** The 30 days of the window, oldest first, today last. */
  days: Array<{ date: string; calls: number }>;
  /** How many calls leave the window at the start of each of the next 30 days. */
  dropOffs: Array<{ date: string; calls: number }>;
  /** Per-key series only: when the key last made a call. */
  lastUsedAt?: string | null;
  /** Per-key series only: the key's environment (a test key's series is its test window). */
  environment?: 'live' | 'test';
  /** The account's series only: its test keys' calls, in their own window (the plan's testCallLimit). */
  test?: UsageSeries;
}

/** One key's line in a key listing: what the usage service knows of it. */
export interface KeyUsageSummary {
  keyId: string;
  lastUsedAt: string | null;
  callsLast30Days: number;
  /** Flagged by the daily housekeeping: active, older than 30 days, and no call in them. */
  unusedFor30Days: boolean;
  /** What the key's credits have left and when they are next refilled; null: unlimited. */
  credits: CreditsLeft | null;
}
