import { EventEnvelope } from './event-envelope';

export const USAGE_STREAM_PREFIX = 'usage-';
export const usageStreamId = (accountId: string): string => `${USAGE_STREAM_PREFIX}${accountId}`;

export const UsageEventType = {
  QuotaThresholdReached: 'QuotaThresholdReached',
} as const;

export interface QuotaThresholdReachedData {
  accountId: string;
  /** Percent of the plan's callLimit: 80 or 100. */
  threshold: number;
  used: number;
  limit: number;
  windowDays: 30;
  /** The UTC date of the call that reached the threshold. */
  date: string;
}

export type QuotaThresholdReached = EventEnvelope<
  'QuotaThresholdReached',
  QuotaThresholdReachedData
>;
