import { UsageSeries } from '@keygate/contracts';
import { dropOffs, isoDate, usedInWindow, windowStartDay, WINDOW_DAYS } from './rolling-window';

/** The chart's data for the window ending `today`, from day counts. */
export function usageSeries(
  counts: ReadonlyMap<number, number>,
  today: number,
  limit: number,
): UsageSeries {
  const used = usedInWindow(counts, today);
  return {
    windowDays: WINDOW_DAYS,
    limit,
    used,
    remaining: Math.max(0, limit - used),
    days: Array.from({ length: WINDOW_DAYS }, (_, i) => {
      const day = windowStartDay(today) + i;
      return { date: isoDate(day), calls: counts.get(day) ?? 0 };
    }),
    dropOffs: dropOffs(counts, today),
  };
}
