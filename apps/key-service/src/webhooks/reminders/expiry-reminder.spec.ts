import { dueReminder } from './expiry-reminder';

const DAY = 86_400_000;
const now = new Date('2026-12-06T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * DAY);

describe('the expiry reminder due', () => {
  it('is none while the key is further off than the furthest reminder', () => {
    expect(dueReminder(inDays(31), now, [30, 7, 1])).toBeNull();
  });

  it('is each reminder once its moment has come', () => {
    expect(dueReminder(inDays(30), now, [30, 7, 1])).toEqual({ reminderDays: 30, daysLeft: 30 });
    expect(dueReminder(inDays(6.5), now, [30, 7, 1])).toEqual({ reminderDays: 7, daysLeft: 7 });
    expect(dueReminder(inDays(0.25), now, [30, 7, 1])).toEqual({ reminderDays: 1, daysLeft: 1 });
  });

  it('is only the nearest when a key starts inside several', () => {
    expect(dueReminder(inDays(5), now, [30, 7, 1])).toEqual({ reminderDays: 7, daysLeft: 5 });
  });

  it('is none once the key has expired', () => {
    expect(dueReminder(inDays(0), now, [30, 7, 1])).toBeNull();
    expect(dueReminder(inDays(-1), now, [30, 7, 1])).toBeNull();
  });
});
