import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { fakeKeyService } from '../../../test/fake-rpc';
import { OperatorRevokeKeyHandler } from './revoke-key.handler';

describe(OperatorRevokeKeyHandler.name, () => {
  it('revokes as the operator and answers the key apart from its propagation', async () => {
    const key = { id: 'key_1', status: 'revoked' } as KeyView;
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.RevokeKey]: () => ({ ...key, propagation: null }),
    });
    expect(
      await new OperatorRevokeKeyHandler(client).execute('acc_9', 'key_1', '10.0.0.1'),
    ).toEqual({ key, propagation: null });
    expect(fake.calls.map((call) => call.request)).toEqual([
      { accountId: 'acc_9', keyId: 'key_1', actor: { type: 'operator', ip: '10.0.0.1' } },
    ]);
  });
});
