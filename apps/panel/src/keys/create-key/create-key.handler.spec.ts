import { IssuedKey, KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { createKeyBodySchema } from '../../panel.schemas';
import { CreateKeyHandler } from './create-key.handler';

describe(CreateKeyHandler.name, () => {
  it('creates the key in the session’s account with the caller as actor and answers the secret', async () => {
    const issued = { key: { id: 'key_1' }, secret: 'acme_sk_secret' } as IssuedKey;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.CreateKey]: () => issued });
    const input = createKeyBodySchema.parse({
      name: 'ci',
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    expect(await new CreateKeyHandler(client).execute(panelCaller(), input)).toBe(issued);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.CreateKey,
        request: { ...input, accountId: 'acc_1', actor: panelActor },
      },
    ]);
  });

  it('takes no account from the body', () => {
    const parsed = createKeyBodySchema.safeParse({ name: 'ci', accountId: 'acc_other' });
    expect(parsed.success).toBe(false);
  });
});
