import { KeyServicePattern, WebhookView } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { ListWebhooksHandler } from './list-webhooks.handler';

describe(ListWebhooksHandler.name, () => {
  it('lists the caller’s account’s endpoints', async () => {
    const webhooks = [{ id: 'wh_1' } as WebhookView];
    const { fake, client } = fakeKeyService({ [KeyServicePattern.ListWebhooks]: () => webhooks });
    expect(await new ListWebhooksHandler(client).execute(panelCaller('member'))).toBe(webhooks);
    expect(fake.calls.map((call) => call.request)).toEqual([{ accountId: 'acc_1' }]);
  });
});
