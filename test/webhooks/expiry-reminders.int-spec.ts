import { CLOCK, KeyServicePattern } from '@keygate/contracts';
import { ManualClock, waitFor } from '@keygate/testing';
import { WebhookDeliveryWorker } from '../../apps/key-service/src/webhooks/delivery/webhook-delivery.worker';
import { ExpiryReminders } from '../../apps/key-service/src/webhooks/reminders/expiry-reminders';
import { SystemHarness } from '../system.harness';
import { webhookReceiver } from './fixtures/webhook-receiver';

const DAY = 86_400_000;

describe('key.expiring reminders', () => {
  const clock = new ManualClock();
  const system = new SystemHarness(
    { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_POLL_MS: '50' },
    { keyServiceOverrides: [{ provide: CLOCK, useValue: clock }] },
  );

  beforeAll(() => system.start(0));
  afterAll(() => system.stop());

  it('tells the key’s account 30, 7 and 1 days ahead, each once, and nothing after the expiry', async () => {
    const hooks = await webhookReceiver();
    try {
      const opened = await system.openAccount('Expiring Co');
      const { secret, webhook } = await system.send<{
        secret: string;
        webhook: { id: string };
      }>(KeyServicePattern.AddWebhook, {
        accountId: opened.account.id,
        url: hooks.url,
        events: ['key.expiring'],
      });
      const expiresAt = new Date(clock.now().getTime() + 40 * DAY);
      const key = await system.createKey(opened.account.id, {
        name: 'Expiring reader',
        expiresAt: expiresAt.toISOString(),
      });
      const reminders = system.keyService.get(ExpiryReminders);
      const scanAt = async (daysBefore: number) => {
        clock.set(new Date(expiresAt.getTime() - daysBefore * DAY));
        return reminders.scanOnce();
      };

      expect(await scanAt(31)).toBe(0);
      expect(await scanAt(29.5)).toBe(1);
      expect(await scanAt(29)).toBe(0); // the 30-day reminder was sent
      expect(await scanAt(6.9)).toBe(1);
      expect(await scanAt(0.5)).toBe(1);
      expect(await scanAt(0.1)).toBe(0);
      expect(await scanAt(-1)).toBe(0);

      await waitFor(() => hooks.received.length === 3, 10_000, 20);
      const told = hooks.verified(secret);
      expect(told.map((message) => [message.type, message.data.reminderDays])).toEqual([
        ['key.expiring', 30],
        ['key.expiring', 7],
        ['key.expiring', 1],
      ]);
      expect(told[1].data).toMatchObject({
        keyId: key.key.id,
        accountId: opened.account.id,
        name: 'Expiring reader',
        expiresAt: expiresAt.toISOString(),
        daysLeft: 7,
      });

      // Finished deliveries are kept 30 days, then pruned (each was made by the day after expiry).
      const deliveries = () =>
        system.send<unknown[]>(KeyServicePattern.ListDeliveries, {
          accountId: opened.account.id,
          endpointId: webhook.id,
        });
      expect(await deliveries()).toHaveLength(3);
      const worker = system.keyService.get(WebhookDeliveryWorker);
      clock.set(expiresAt); // every delivery was made less than 30 days before
      expect(await worker.prune()).toBe(0);
      clock.set(new Date(expiresAt.getTime() + 40 * DAY));
      expect(await worker.prune()).toBe(3);
      expect(await deliveries()).toEqual([]);
    } finally {
      await hooks.close();
    }
  });
});
