import { WEBHOOK_EVENT_TYPES } from '@keygate/contracts';
import { waitFor } from '@keygate/testing';
import { SystemHarness, withKey } from '../system.harness';
import { Received, webhookReceiver } from './fixtures/webhook-receiver';
import { PanelClient } from '../panel/panel.client';

const PLANS = { starter: { apiAccess: true, callLimit: 10, maxUserKeys: 20 } };
const EVERY_EVENT = [...WEBHOOK_EVENT_TYPES];
const productReader = (name: string) => ({
  name,
  rules: [{ resource: 'product', actions: ['read'] }],
});
const typeOf = (entry: Received) => (JSON.parse(entry.body) as { type: string }).type;

describe('webhook delivery from the event stream', () => {
  // Loopback receivers: private targets are allowed for this harness only. Retries 100 ms apart.
  const system = new SystemHarness(
    {
      KEYGATE_PLANS: JSON.stringify(PLANS),
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms',
      WEBHOOK_POLL_MS: '50',
    },
    { usageService: true },
  );

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  async function subscribed(name: string, events = EVERY_EVENT) {
    const hooks = await webhookReceiver();
    const { client, signup } = await PanelClient.signup(system, name);
    const added = await client.post('/webhooks', { url: hooks.url, events });
    expect(added.status).toBe(201);
    return {
      hooks,
      client,
      accountId: signup.body.account.id as string,
      endpointId: added.body.webhook.id as string,
      secret: added.body.secret as string,
    };
  }

  it('tells a receiver of a key’s life in order, and of 80 % and 100 % of the quota once each, every delivery verified by standardwebhooks', async () => {
    const { hooks, client, accountId, secret } = await subscribed('Lifecycle Co');
    try {
      const created = await client.post('/keys', productReader('Reader'));
      expect(created.status).toBe(201);
      const keyId = created.body.key.id;
      await system.gatewaysCaughtUp();
      for (let call = 0; call < 12; call++)
        await system.call('/api/v1/content/product', { headers: withKey(created.body.secret) });
      expect((await client.post(`/keys/${keyId}/rotate`, { gracePeriodSeconds: 0 })).status).toBe(
        200,
      );
      expect((await client.post(`/keys/${keyId}/revoke`)).status).toBe(200);
      expect((await client.delete(`/keys/${keyId}`)).status).toBe(204);

      await waitFor(
        () =>
          hooks.received.filter((entry) => typeOf(entry) === 'quota.threshold').length >= 2 &&
          hooks.received.some((entry) => typeOf(entry) === 'key.deleted'),
        15_000,
        20,
      );
      const messages = hooks.verified(secret);
      const ofKey = messages.filter((message) => message.data.keyId === keyId);
      expect(ofKey.map((message) => message.type)).toEqual([
        'key.created',
        'key.rotated',
        'key.revoked',
        'key.deleted',
      ]);
      for (const message of ofKey)
        expect(message.data).toMatchObject({ keyId, accountId, name: 'Reader' });
      expect(ofKey[0].data.hint).toEqual(expect.any(String));
      const thresholds = messages.filter((message) => message.type === 'quota.threshold');
      expect(thresholds.map((message) => message.data)).toEqual([
        expect.objectContaining({ accountId, threshold: 80, used: 8, limit: 10, window: '30d' }),
        expect.objectContaining({ accountId, threshold: 100, used: 10, limit: 10, window: '30d' }),
      ]);
      // Ids, names and hints only: never a secret or its hash.
      const everything = hooks.received.map((entry) => entry.body).join('\n');
      expect(everything).not.toContain(created.body.secret);
      expect(everything).not.toMatch(/secretHash|previousSecretHash/);
      // Each message has its own id, used once.
      expect(new Set(messages.map((message) => message.id)).size).toBe(messages.length);
    } finally {
      await hooks.close();
    }
  });

  it('retries a receiver that is down through 3 retries and, once it is up, delivers every event, in order per key', async () => {
    const { hooks, client, endpointId } = await subscribed('Flaky Co', [
      'key.created',
      'key.revoked',
    ]);
    const delivered: string[] = [];
    let failures = 0;
    hooks.answerWith((entry) => {
      if (failures < 4) {
        failures += 1;
        return 503;
      }
      const { type, data } = JSON.parse(entry.body);
      delivered.push(`${type}:${data.name}`);
      return 204;
    });
    try {
      const first = await client.post('/keys', productReader('First'));
      const second = await client.post('/keys', productReader('Second'));
      await client.post(`/keys/${first.body.key.id}/revoke`);
      await client.post(`/keys/${second.body.key.id}/revoke`);
      await waitFor(() => delivered.length >= 4, 15_000, 20);
      expect(delivered.filter((d) => d.endsWith(':First'))).toEqual([
        'key.created:First',
        'key.revoked:First',
      ]);
      expect(delivered.filter((d) => d.endsWith(':Second'))).toEqual([
        'key.created:Second',
        'key.revoked:Second',
      ]);
      expect(delivered).toHaveLength(4);

      const { body } = await client.get(`/webhooks/${endpointId}/deliveries`);
      expect(body.deliveries).toHaveLength(4);
      for (const delivery of body.deliveries) {
        expect(delivery.status).toBe('delivered');
        expect(delivery.nextAttemptAt).toBeNull();
        expect(delivery.attempts.at(-1)).toMatchObject({ status: 204, error: null });
      }
      const statuses = body.deliveries.flatMap((d: { attempts: Array<{ status: number }> }) =>
        d.attempts.map((attempt) => attempt.status),
      );
      expect(statuses.filter((status: number) => status === 503)).toHaveLength(4);
    } finally {
      await hooks.close();
    }
  });

  it('dead-letters a delivery when the retries run out, and replays it with the same webhook-id', async () => {
    const { hooks, client, endpointId, secret } = await subscribed('Dead Co', ['key.created']);
    hooks.answerWith(() => 500);
    try {
      await client.post('/keys', productReader('Lost'));
      let failed: { id: string; attempts: unknown[]; messageId: string } | undefined;
      await waitFor(
        async () => {
          const { body } = await client.get(`/webhooks/${endpointId}/deliveries?status=failed`);
          failed = body.deliveries[0];
          return failed !== undefined;
        },
        15_000,
        50,
      );
      expect(failed!.attempts).toHaveLength(5);
      hooks.answerWith(() => 204);
      const replayed = await client.post(`/webhooks/${endpointId}/deliveries/${failed!.id}/replay`);
      expect(replayed.status).toBe(202);
      expect(replayed.body.delivery.status).toBe('pending');
      await waitFor(() => hooks.received.length === 6, 10_000, 20);
      const ids = hooks.verified(secret).map((message) => message.id);
      expect(new Set(ids)).toEqual(new Set([failed!.messageId]));
      const audit = await client.get('/audit');
      expect(JSON.stringify(audit.body)).toContain(failed!.id);

      const unknown = await client.post(
        `/webhooks/${endpointId}/deliveries/dlv_nothing_here/replay`,
      );
      expect(unknown.status).toBe(404);
    } finally {
      await hooks.close();
    }
  });

  it('disables an endpoint that answers 410 Gone, audited as Keygate’s doing, and sends it nothing more', async () => {
    const { hooks, client, endpointId } = await subscribed('Gone Co', ['key.created']);
    hooks.answerWith(() => 410);
    try {
      await client.post('/keys', productReader('One'));
      await waitFor(
        async () => (await client.get('/webhooks')).body.webhooks[0].enabled === false,
        10_000,
        50,
      );
      const { body } = await client.get(`/webhooks/${endpointId}/deliveries`);
      expect(body.deliveries[0]).toMatchObject({ status: 'failed', attempts: [{ status: 410 }] });
      const audit = await client.get('/audit');
      const disabled = audit.body.events.find(
        (e: { action: string; details?: { disabledBecause?: string } }) =>
          e.action === 'WebhookEndpointChanged',
      );
      expect(JSON.stringify(disabled)).toContain('410');
      await client.post('/keys', productReader('Two'));
      await system.gatewaysCaughtUp();
      const later = await client.get(`/webhooks/${endpointId}/deliveries`);
      expect(later.body.deliveries).toHaveLength(1);
      expect(hooks.received).toHaveLength(1);
    } finally {
      await hooks.close();
    }
  });

  it('keeps delivering to other endpoints while one holds its requests unanswered', async () => {
    const slow = await subscribed('Slow Co', ['key.created']);
    const quick = await subscribed('Quick Co', ['key.created']);
    slow.hooks.answerWith(() => 'hold');
    try {
      for (let i = 0; i < 3; i++) await slow.client.post('/keys', productReader(`Slow ${i}`));
      await waitFor(() => slow.hooks.received.length >= 1, 10_000, 20);
      for (let i = 0; i < 3; i++) await quick.client.post('/keys', productReader(`Quick ${i}`));
      await waitFor(() => quick.hooks.received.length === 3, 10_000, 20);
      expect(quick.hooks.verified(quick.secret).map((m) => m.data.name)).toEqual([
        'Quick 0',
        'Quick 1',
        'Quick 2',
      ]);
    } finally {
      await slow.hooks.close();
      await quick.hooks.close();
    }
  });

  it('signs with the old secret beside the new one for a day after a rotation', async () => {
    const { hooks, client, endpointId, secret } = await subscribed('Rotating Co', ['webhook.test']);
    try {
      const rotated = await client.post(`/webhooks/${endpointId}/secret/rotate`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(secret);
      expect(Date.parse(rotated.body.previousValidUntil) - Date.now()).toBeGreaterThan(
        23 * 3_600_000,
      );
      expect(JSON.stringify((await client.get('/webhooks')).body)).not.toContain(
        rotated.body.secret,
      );
      const test = await client.post(`/webhooks/${endpointId}/test`);
      expect(test.body.delivery.status).toBe('delivered');
      expect(hooks.verified(rotated.body.secret)).toHaveLength(1);
      expect(hooks.verified(secret)).toHaveLength(1);
      expect(String(hooks.received[0].headers['webhook-signature']).split(' ')).toHaveLength(2);
      const audit = await client.get('/audit');
      expect(JSON.stringify(audit.body)).not.toContain(rotated.body.secret);
    } finally {
      await hooks.close();
    }
  });
});
