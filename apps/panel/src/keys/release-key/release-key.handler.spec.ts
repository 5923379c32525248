import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { ReleaseKeyHandler } from './release-key.handler';

describe(ReleaseKeyHandler.name, () => {
  it('releases the key in the caller’s account, the caller recorded as actor', async () => {
    const key = { id: 'key_1', status: 'active' } as KeyView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.ReleaseKey]: () => key });
    expect(await new ReleaseKeyHandler(client).execute(panelCaller(), 'key_1')).toBe(key);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.ReleaseKey,
        request: { accountId: 'acc_1', keyId: 'key_1', actor: panelActor },
      },
    ]);
  });
});
