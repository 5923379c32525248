/**
 * The rolling 30-day window, in UTC day buckets: today plus the 29 days before. Calls made on
 * day d count until the end of day d + 29 and drop out when day d + 30 begins.
 */
export const WINDOW_DAYS = 30;
export const DAY_MS = 24 * 3600 * 1000;
/** Day counts stay this many days after leaving the window, for the daily rollup to read. */
export const DAYS_KEPT_PAST_WINDOW = 5;

export const dayIndexOf = (ms: number): number => Math.floor(ms / DAY_MS);
export const startOfDay = (dayIndex: number): number => dayIndex * DAY_MS;
export const windowStartDay = (today: number): number => today - (WINDOW_DAYS - 1);
export const isoDate = (dayIndex: number): string =>
  new Date(startOfDay(dayIndex)).toISOString().slice(0, 10);

/** Calls in the window ending today, from per-day counts. */
export function usedInWindow(counts: ReadonlyMap<number, number>, today: number): number {
  let used = 0;
  for (let day = windowStartDay(today); day <= today; day++) used += counts.get(day) ?? 0;
  return used;
}

/**
 * Seconds from `nowMs` until enough calls have dropped out of the window for one more call to
 * fit under `limit` (assuming no new calls); null if that never happens within the window.
 */
export function secondsUntilRoom(
  counts: ReadonlyMap<number, number>,
  nowMs: number,
  limit: number,
): number | null {
  const today = dayIndexOf(nowMs);
  let used = usedInWindow(counts, today);
  if (used < limit) return 0;
  for (let ahead = 1; ahead <= WINDOW_DAYS; ahead++) {
    used -= counts.get(windowStartDay(today) + ahead - 1) ?? 0;
    if (used < limit) return Math.ceil((startOfDay(today + ahead) - nowMs) / 1000);
  }
  return null;
}

/** How many calls leave the window at the start of each of the next 30 days. */
export function dropOffs(
  counts: ReadonlyMap<number, number>,
  today: number,
): Array<{ date: string; calls: number }> {
  return Array.from({ length: WINDOW_DAYS }, (_, i) => ({
    date: isoDate(today + i + 1),
    calls: counts.get(windowStartDay(today) + i) ?? 0,
  }));
}
