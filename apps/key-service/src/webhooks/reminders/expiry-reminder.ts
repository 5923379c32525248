const DAY_MS = 86_400_000;

/**
 * The reminder due for a key expiring at `expiresAt`, or null: the nearest of `reminderDays`
 * (ordered from the furthest, as the configuration gives them) whose moment has come, while the
 * key has not expired. A key made 5 days before its expiry gets the 7-day reminder at once (with
 * 5 days left), not the 30-day one too; each reminder is sent once (the caller remembers).
 */
export function dueReminder(
  expiresAt: Date,
  now: Date,
  reminderDays: readonly number[],
): { reminderDays: number; daysLeft: number } | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const due = reminderDays.filter((days) => left <= days * DAY_MS);
  if (due.length === 0) return null;
  return { reminderDays: Math.min(...due), daysLeft: Math.ceil(left / DAY_MS) };
}

/** How far ahead reminders look: keys expiring later than this need none yet. */
export const reminderHorizonMs = (reminderDays: readonly number[]): number =>
  Math.max(...reminderDays) * DAY_MS;
