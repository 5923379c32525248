import { AccountView, KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { RequireTwoFactorHandler } from './require-two-factor.handler';

describe(RequireTwoFactorHandler.name, () => {
  it('sets the requirement on the caller’s account, naming them as actor', async () => {
    const account = { id: 'acc_1', twoFactorRequired: true } as AccountView;
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.RequireTwoFactor]: () => account,
    });
    expect(await new RequireTwoFactorHandler(client).execute(panelCaller(), true)).toBe(account);
    expect(fake.calls[0].request).toEqual({
      accountId: 'acc_1',
      required: true,
      actor: panelActor,
    });
  });
});
