import { IssuedKey, KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { RotateKeyHandler } from './rotate-key.handler';

describe(RotateKeyHandler.name, () => {
  it('rotates the key in the caller’s account with the grace period asked, answering the new secret', async () => {
    const issued = { key: { id: 'key_1' }, secret: 'acme_sk_new' } as IssuedKey;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.RotateKey]: () => issued });
    const answer = await new RotateKeyHandler(client).execute(panelCaller(), 'key_1', {
      gracePeriodSeconds: 3600,
      accountId: 'acc_other',
    });
    expect(answer).toBe(issued);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.RotateKey,
        request: {
          gracePeriodSeconds: 3600,
          accountId: 'acc_1',
          keyId: 'key_1',
          actor: panelActor,
        },
      },
    ]);
  });
});
