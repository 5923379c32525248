import {
  DAY_MS,
  dayIndexOf,
  dropOffs,
  isoDate,
  secondsUntilRoom,
  startOfDay,
  usedInWindow,
  windowStartDay,
} from './rolling-window';

const day = dayIndexOf(Date.parse('2026-11-23T15:00:00Z'));

describe('rolling 30-day window', () => {
  it('puts a call in its UTC day', () => {
    expect(dayIndexOf(Date.parse('2026-11-23T00:00:00Z'))).toBe(
      dayIndexOf(Date.parse('2026-11-23T23:59:59.999Z')),
    );
    expect(dayIndexOf(Date.parse('2026-11-24T00:00:00Z'))).toBe(day + 1);
    expect(isoDate(day)).toBe('2026-11-23');
  });

  it('counts today and the 29 days before, and drops a day on the 31st', () => {
    const counts = new Map([[day, 5]]);
    expect(usedInWindow(counts, day)).toBe(5);
    expect(usedInWindow(counts, day + 29)).toBe(5);
    expect(usedInWindow(counts, day + 30)).toBe(0);
    expect(windowStartDay(day + 29)).toBe(day);
  });

  it('says when one more call fits again', () => {
    const now = startOfDay(day) + 15 * 3600 * 1000;
    const counts = new Map([
      [day - 29, 3],
      [day - 10, 4],
      [day, 3],
    ]);
    expect(secondsUntilRoom(counts, now, 11)).toBe(0);
    // Full at 10: the 3 calls of day-29 leave at the next midnight, 9 hours away.
    expect(secondsUntilRoom(counts, now, 10)).toBe(9 * 3600);
    // Limit 7 needs 4 calls gone: day-29 (3) is not enough, day-10 (4) leaves in 20 days.
    expect(secondsUntilRoom(counts, now, 7)).toBe(9 * 3600 + 19 * 24 * 3600);
    expect(secondsUntilRoom(new Map([[day, 1]]), now, 0)).toBeNull();
  });

  it('lists the drop-offs of the next 30 days', () => {
    const counts = new Map([
      [day - 29, 3],
      [day, 2],
    ]);
    const list = dropOffs(counts, day);
    expect(list).toHaveLength(30);
    expect(list[0]).toEqual({ date: isoDate(day + 1), calls: 3 });
    expect(list[29]).toEqual({ date: isoDate(day + 30), calls: 2 });
    expect(DAY_MS).toBe(86_400_000);
  });
});
