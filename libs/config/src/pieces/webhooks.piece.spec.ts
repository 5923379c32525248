import { loadKeyServiceConfig } from '../app-configs';
import { parseDurations } from './webhooks.piece';

describe('the webhooks configuration', () => {
  it('reads a retry schedule with units', () => {
    expect(parseDurations('5s,5m,30m,2h,1d,250ms')).toEqual([
      5000, 300_000, 1_800_000, 7_200_000, 86_400_000, 250,
    ]);
    expect(parseDurations('5s,soon')).toBeNull();
    expect(parseDurations('5')).toBeNull();
  });

  it('defaults to the documented schedule and reminders', () => {
    const { webhooks } = loadKeyServiceConfig({});
    expect(webhooks.retryScheduleMs).toEqual([
      5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(webhooks.expiryReminderDays).toEqual([30, 7, 1]);
    expect(webhooks.timeoutMs).toBe(10_000);
    expect(webhooks.allowPrivateTargets).toBe(false);
  });

  it('orders reminder days from the furthest and drops repeats', () => {
    const { webhooks } = loadKeyServiceConfig({ KEY_EXPIRY_REMINDER_DAYS: '1,14,1' });
    expect(webhooks.expiryReminderDays).toEqual([14, 1]);
  });

  it('names a bad schedule or reminder list', () => {
    expect(() => loadKeyServiceConfig({ WEBHOOK_RETRY_SCHEDULE: '5s,later' })).toThrow(
      /WEBHOOK_RETRY_SCHEDULE/,
    );
    expect(() => loadKeyServiceConfig({ KEY_EXPIRY_REMINDER_DAYS: '0' })).toThrow(
      /KEY_EXPIRY_REMINDER_DAYS/,
    );
  });
});
