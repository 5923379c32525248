import { ConflictError, KeyServicePattern, KeyView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { RevokeKeyHandler } from './revoke-key.handler';

describe(RevokeKeyHandler.name, () => {
  it('revokes the key in the caller’s account, the caller recorded as actor', async () => {
    const key = { id: 'key_1', status: 'revoked' } as KeyView;
    const propagation = { confirmed: true, revokedAt: '2026-12-06T12:00:00.000Z', gateways: [] };
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.RevokeKey]: () => ({ ...key, propagation }),
    });
    expect(await new RevokeKeyHandler(client).execute(panelCaller(), 'key_1')).toEqual({
      key,
      propagation,
    });
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.RevokeKey,
        request: { accountId: 'acc_1', keyId: 'key_1', actor: panelActor },
      },
    ]);
  });

  it('passes the key service’s refusal on as it is', async () => {
    const refusal = new ConflictError('Application keys cannot be revoked');
    const { client } = fakeKeyService({
      [KeyServicePattern.RevokeKey]: () => {
        throw refusal;
      },
    });
    await expect(new RevokeKeyHandler(client).execute(panelCaller(), 'key_app')).rejects.toBe(
      refusal,
    );
  });
});
