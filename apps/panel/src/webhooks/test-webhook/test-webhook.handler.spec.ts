import { KeyServicePattern, WebhookDeliveryView } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { TestWebhookHandler } from './test-webhook.handler';

describe(TestWebhookHandler.name, () => {
  it('has the key service send a webhook.test to the endpoint of the caller’s account', async () => {
    const delivery = { id: 'dlv_1', status: 'delivered' } as WebhookDeliveryView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.TestWebhook]: () => delivery });
    expect(await new TestWebhookHandler(client).execute(panelCaller(), 'wh_1')).toBe(delivery);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.TestWebhook,
        request: { accountId: 'acc_1', endpointId: 'wh_1' },
      },
    ]);
  });
});
