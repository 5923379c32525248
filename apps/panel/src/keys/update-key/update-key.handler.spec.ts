import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { UpdateKeyHandler } from './update-key.handler';

describe(UpdateKeyHandler.name, () => {
  it('sends the changes for the caller’s account, whatever ids or actor the body names', async () => {
    const key = { id: 'key_1', name: 'renamed' } as KeyView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.UpdateKey]: () => key });
    const changes = { name: 'renamed', accountId: 'acc_other', keyId: 'key_other', actor: {} };
    expect(await new UpdateKeyHandler(client).execute(panelCaller(), 'key_1', changes)).toBe(key);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.UpdateKey,
        request: { name: 'renamed', accountId: 'acc_1', keyId: 'key_1', actor: panelActor },
      },
    ]);
  });
});
