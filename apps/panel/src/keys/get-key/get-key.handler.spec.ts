import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { GetKeyHandler } from './get-key.handler';

describe(GetKeyHandler.name, () => {
  it('asks for the key within the caller’s own account', async () => {
    const key = { id: 'key_1', name: 'ci' } as KeyView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.GetKey]: () => key });
    expect(await new GetKeyHandler(client).execute(panelCaller('member'), 'key_1')).toBe(key);
    expect(fake.calls).toEqual([
      { pattern: KeyServicePattern.GetKey, request: { accountId: 'acc_1', keyId: 'key_1' } },
    ]);
  });
});
