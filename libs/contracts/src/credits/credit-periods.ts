/** How often a key's credits are refilled, counted from the key's creation (not from midnight). */
export type CreditPeriod = 'day' | 'month';

const DAY_MS = 24 * 3600 * 1000;

/** `anchor` moved on by `months` calendar months, its day clamped to the month's last (Jan 31 + 1 = Feb 28/29). */
function addMonths(anchor: Date, months: number): number {
  const year = anchor.getUTCFullYear();
  const month = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(anchor.getUTCDate(), lastDay),
    anchor.getUTCHours(),
    anchor.getUTCMinutes(),
    anchor.getUTCSeconds(),
    anchor.getUTCMilliseconds(),
  );
}

/** When refill period `index` begins (period 0 begins at the anchor, the key's creation). */
export function creditPeriodStart(anchorMs: number, every: CreditPeriod, index: number): number {
  return every === 'day' ? anchorMs + index * DAY_MS : addMonths(new Date(anchorMs), index);
}

/** Which refill period `nowMs` falls in: 0 until the first refill is due, then 1, 2... */
export function creditPeriodAt(anchorMs: number, every: CreditPeriod, nowMs: number): number {
  if (nowMs <= anchorMs) return 0;
  if (every === 'day') return Math.floor((nowMs - anchorMs) / DAY_MS);
  const anchor = new Date(anchorMs);
  const now = new Date(nowMs);
  let months =
    (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 +
    now.getUTCMonth() -
    anchor.getUTCMonth();
  if (addMonths(anchor, months) > nowMs) months--;
  return Math.max(0, months);
}
