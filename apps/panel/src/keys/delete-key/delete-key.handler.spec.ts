import { KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { DeleteKeyHandler } from './delete-key.handler';

describe(DeleteKeyHandler.name, () => {
  it('deletes the key in the caller’s account and answers nothing of it', async () => {
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.DeleteKey]: () => ({ deleted: true, keyId: 'key_1' }),
    });
    expect(await new DeleteKeyHandler(client).execute(panelCaller(), 'key_1')).toBeUndefined();
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.DeleteKey,
        request: { accountId: 'acc_1', keyId: 'key_1', actor: panelActor },
      },
    ]);
  });
});
