import { KeyServicePattern, ValidationError, WebhookView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { WebhookTarget } from '@keygate/webhooks';
import { AddWebhookHandler } from './add-webhook.handler';

const INPUT = { url: 'https://hooks.example/keygate', events: ['key.revoked' as const] };

function setup(targetRefusal?: Error) {
  const checked: string[] = [];
  const target = {
    check: async (url: string) => {
      checked.push(url);
      if (targetRefusal) throw targetRefusal;
    },
  } as unknown as WebhookTarget;
  const answer = { webhook: { id: 'wh_1' } as WebhookView, secret: 'whsec_x' };
  const { fake, client } = fakeKeyService({ [KeyServicePattern.AddWebhook]: () => answer });
  return { handler: new AddWebhookHandler(client, target), fake, checked, answer };
}

describe(AddWebhookHandler.name, () => {
  it('checks the URL, then adds the endpoint to the caller’s account', async () => {
    const { handler, fake, checked, answer } = setup();
    expect(await handler.execute(panelCaller(), INPUT)).toBe(answer);
    expect(checked).toEqual([INPUT.url]);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.AddWebhook,
        request: { ...INPUT, accountId: 'acc_1', actor: panelActor },
      },
    ]);
  });

  it('stores nothing for a URL that is not a public address', async () => {
    const { handler, fake } = setup(ValidationError.of('url', 'must be a public address'));
    await expect(handler.execute(panelCaller(), INPUT)).rejects.toThrow(ValidationError);
    expect(fake.calls).toEqual([]);
  });
});
