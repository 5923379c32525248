import { KeyServicePattern, RevocationPropagation } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { GetRevocationHandler } from './get-revocation.handler';

describe(GetRevocationHandler.name, () => {
  it('asks for the key of the caller’s account and answers where its revocation stands', async () => {
    const propagation: RevocationPropagation = {
      confirmed: false,
      revokedAt: '2026-12-06T12:00:00.000Z',
      gateways: [{ id: 'gw_1', host: 'h', status: 'pending', appliedAt: null }],
    };
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.GetRevocation]: () => propagation,
    });
    expect(await new GetRevocationHandler(client).execute(panelCaller(), 'key_1')).toEqual({
      propagation,
    });
    expect(fake.calls.map((call) => call.request)).toEqual([
      { accountId: 'acc_1', keyId: 'key_1' },
    ]);
  });
});
