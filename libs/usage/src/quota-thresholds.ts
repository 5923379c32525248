/** Percentages of the plan's callLimit at which an account is alerted, once per crossing. */
export const QUOTA_ALERT_THRESHOLDS = [80, 100] as const;
export type QuotaThreshold = (typeof QUOTA_ALERT_THRESHOLDS)[number];

/** The call count at which `threshold` % of `limit` is reached (at least 1). */
export const thresholdCalls = (threshold: QuotaThreshold, limit: number): number =>
  Math.max(1, Math.ceil((limit * threshold) / 100));

/**
 * The thresholds passed when the window's count went from `usedBefore` to `usedAfter`. Admission
 * adds one call at a time atomically, so exactly one admitted call sees each threshold crossed.
 */
export function thresholdsCrossed(
  usedBefore: number,
  usedAfter: number,
  limit: number,
): QuotaThreshold[] {
  if (limit <= 0) return [];
  return QUOTA_ALERT_THRESHOLDS.filter((threshold) => {
    const at = thresholdCalls(threshold, limit);
    return usedBefore < at && usedAfter >= at;
  });
}
