import { KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { RemoveWebhookHandler } from './remove-webhook.handler';

describe(RemoveWebhookHandler.name, () => {
  it('removes the endpoint of the caller’s account, the caller recorded as actor', async () => {
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.RemoveWebhook]: () => ({ removed: true as const }),
    });
    await new RemoveWebhookHandler(client).execute(panelCaller(), 'wh_1');
    expect(fake.calls.map((call) => call.request)).toEqual([
      { accountId: 'acc_1', endpointId: 'wh_1', actor: panelActor },
    ]);
  });
});
