import { KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { DeliveryAttempt, WebhookSender } from '../delivery/webhook-sender';
import { TestWebhookHandler } from './test-webhook.handler';

describe(TestWebhookHandler.name, () => {
  it('sends a webhook.test to the endpoint of the caller’s account, with what the key service signs with', async () => {
    const signing = { url: 'https://hooks.example/k', secret: 'whsec_x' };
    const { client } = fakeKeyService({ [KeyServicePattern.WebhookSigning]: () => signing });
    const sent: unknown[] = [];
    const attempt = { status: 204 } as DeliveryAttempt;
    const sender = {
      send: async (...args: unknown[]) => (sent.push(args), attempt),
    } as unknown as WebhookSender;
    expect(await new TestWebhookHandler(client, sender).execute(panelCaller(), 'wh_1')).toBe(
      attempt,
    );
    expect(sent).toEqual([[signing, 'webhook.test', { accountId: 'acc_1', endpointId: 'wh_1' }]]);
  });
});
