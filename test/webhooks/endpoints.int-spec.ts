import { Webhook } from 'standardwebhooks';
import { SystemHarness } from '../system.harness';
import { webhookReceiver } from './fixtures/webhook-receiver';
import { PanelClient } from '../panel/panel.client';

describe('webhook endpoints', () => {
  // Every address here is loopback: private targets are allowed for this harness only.
  const system = new SystemHarness({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  it('adds an endpoint with a secret shown once, sends it a webhook.test the standardwebhooks package verifies, and removes it', async () => {
    const hooks = await webhookReceiver();
    try {
      const { client, signup } = await PanelClient.signup(system, 'Hooked Co');
      const added = await client.post('/webhooks', {
        url: hooks.url,
        events: ['key.created', 'webhook.test'],
        description: 'CI',
      });
      expect(added.status).toBe(201);
      const { webhook, secret } = added.body;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
      expect(webhook).toMatchObject({
        url: hooks.url,
        events: ['key.created', 'webhook.test'],
        enabled: true,
      });

      const listed = await client.get('/webhooks');
      expect(listed.body.webhooks).toEqual([webhook]);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      const test = await client.post(`/webhooks/${webhook.id}/test`);
      expect(test.status).toBe(200);
      expect(test.body.delivery).toMatchObject({
        type: 'webhook.test',
        status: 'delivered',
        attempts: [{ status: 204, error: null }],
      });
      expect(hooks.received).toHaveLength(1);
      const [delivery] = hooks.received;
      const verified = new Webhook(secret).verify(
        delivery.body,
        delivery.headers as Record<string, string>,
      );
      expect(verified).toMatchObject({
        type: 'webhook.test',
        data: { accountId: signup.body.account.id, endpointId: webhook.id },
      });
      expect(() =>
        new Webhook(secret).verify(
          delivery.body.replace('webhook.test', 'key.revoked'),
          delivery.headers as Record<string, string>,
        ),
      ).toThrow();

      const audit = await client.get('/audit');
      expect(audit.body.events.map((e: { action: string }) => e.action)).toContain(
        'WebhookEndpointAdded',
      );
      expect(JSON.stringify(audit.body)).not.toContain(secret);

      const disabled = await client.patch(`/webhooks/${webhook.id}`, { enabled: false });
      expect([disabled.status, disabled.body.webhook.enabled]).toEqual([200, false]);
      const bad = await client.patch(`/webhooks/${webhook.id}`, { events: ['key.stolen'] });
      expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['events[0]']);

      expect((await client.delete(`/webhooks/${webhook.id}`)).status).toBe(204);
      expect((await client.get('/webhooks')).body.webhooks).toEqual([]);
      expect((await client.post(`/webhooks/${webhook.id}/test`)).status).toBe(404);
    } finally {
      await hooks.close();
    }
  });
});

describe('webhook endpoints on private addresses (SSRF)', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  it.each([
    'http://127.0.0.1:9/hooks',
    'http://[::1]/hooks',
    'http://localhost/hooks',
    'http://10.0.0.1/hooks',
    'http://169.254.169.254/latest/meta-data',
    'http://[::ffff:127.0.0.1]/hooks',
  ])('refuses %s when it is saved, naming url, and stores nothing', async (url) => {
    const { client } = await PanelClient.signup(system, 'SSRF Co');
    const refused = await client.post('/webhooks', { url, events: ['webhook.test'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['url']);
    expect((await client.get('/webhooks')).body.webhooks).toEqual([]);
  });

  it('refuses at send what was saved while private targets were allowed, sending nothing', async () => {
    const hooks = await webhookReceiver();
    // This Panel allows loopback at save; the key service, which sends, does not.
    const lenient = await system.startPanel({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    try {
      const { client } = await PanelClient.signup(system, 'Rebound Co');
      const saved = await system.call(
        '/panel/api/webhooks',
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${client.session}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ url: hooks.url, events: ['webhook.test'] }),
        },
        lenient,
      );
      expect(saved.status).toBe(201);
      const test = await client.post(`/webhooks/${saved.body.webhook.id}/test`);
      expect(test.body.delivery.status).toBe('pending');
      expect(test.body.delivery.attempts).toEqual([
        expect.objectContaining({ status: null, error: expect.stringMatching(/public address/) }),
      ]);
      expect(hooks.received).toHaveLength(0);
    } finally {
      await lenient.app.close();
      await hooks.close();
    }
  });
});
