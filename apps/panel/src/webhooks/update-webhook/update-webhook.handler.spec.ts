import { KeyServicePattern, ValidationError, WebhookView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { WebhookTarget } from '@keygate/webhooks';
import { UpdateWebhookHandler } from './update-webhook.handler';

function setup(refuse = false) {
  const checked: string[] = [];
  const target = {
    check: async (url: string) => {
      checked.push(url);
      if (refuse) throw ValidationError.of('url', 'must be a public address');
    },
  } as unknown as WebhookTarget;
  const view = { id: 'wh_1', enabled: false } as WebhookView;
  const { fake, client } = fakeKeyService({ [KeyServicePattern.UpdateWebhook]: () => view });
  return { handler: new UpdateWebhookHandler(client, target), fake, checked, view };
}

describe(UpdateWebhookHandler.name, () => {
  it('changes an endpoint of the caller’s account, checking a new URL first', async () => {
    const { handler, fake, checked, view } = setup();
    expect(await handler.execute(panelCaller(), 'wh_1', { enabled: false })).toBe(view);
    expect(checked).toEqual([]);
    await handler.execute(panelCaller(), 'wh_1', { url: 'https://hooks.example/new' });
    expect(checked).toEqual(['https://hooks.example/new']);
    expect(fake.calls[0].request).toEqual({
      enabled: false,
      accountId: 'acc_1',
      endpointId: 'wh_1',
      actor: panelActor,
    });
  });

  it('changes nothing for a new URL that is not a public address', async () => {
    const { handler, fake } = setup(true);
    await expect(
      handler.execute(panelCaller(), 'wh_1', { url: 'http://10.0.0.1/' }),
    ).rejects.toThrow(ValidationError);
    expect(fake.calls).toEqual([]);
  });
});
