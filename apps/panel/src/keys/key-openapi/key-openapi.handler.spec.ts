import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { GetKeyHandler } from '../get-key/get-key.handler';
import { KeyOpenApiHandler } from './key-openapi.handler';

describe(KeyOpenApiHandler.name, () => {
  it('describes the caller’s key served at PUBLIC_URL', async () => {
    const key = {
      id: 'key_1',
      name: 'catalogue reader',
      kind: 'user',
      type: 'standard',
      rules: [{ resource: 'product', actions: ['read'] }],
    } as KeyView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.GetKey]: () => key });
    const handler = new KeyOpenApiHandler(new GetKeyHandler(client), {
      publicUrl: 'https://api.example.com',
    });
    const document = await handler.execute(panelCaller('member'), 'key_1');
    expect(document.servers).toEqual([{ url: 'https://api.example.com' }]);
    expect(Object.keys(document.paths as object)).toContain('/api/v1/content/product');
    expect(fake.calls).toEqual([
      { pattern: KeyServicePattern.GetKey, request: { accountId: 'acc_1', keyId: 'key_1' } },
    ]);
  });
});
