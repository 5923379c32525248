import { KeyServicePattern, TwoFactorEnrolment } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { PanelSessions } from '../panel-sessions';
import { TwoFactorHandler } from './two-factor.handler';

describe(TwoFactorHandler.name, () => {
  it('enrols, confirms and turns off the caller’s own second factor, naming them as actor', async () => {
    const enrolment: TwoFactorEnrolment = { secret: 'S', otpauthUrl: 'otpauth://totp/x' };
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.BeginTwoFactor]: () => enrolment,
      [KeyServicePattern.ConfirmTwoFactor]: () => ({ recoveryCodes: ['aaaaa-bbbbb'] }),
      [KeyServicePattern.DisableTwoFactor]: (request) => ({ id: request.userId }) as never,
    });
    const handler = new TwoFactorHandler(client, {} as PanelSessions);
    const caller = panelCaller();
    expect(await handler.begin(caller)).toBe(enrolment);
    expect(await handler.confirm(caller, '123456')).toEqual({ recoveryCodes: ['aaaaa-bbbbb'] });
    await handler.disable(caller, { recoveryCode: 'aaaaa-bbbbb' });
    const user = { accountId: 'acc_1', userId: caller.session.userId, actor: panelActor };
    expect(fake.calls.map((call) => call.request)).toEqual([
      user,
      { ...user, code: '123456' },
      { ...user, recoveryCode: 'aaaaa-bbbbb' },
    ]);
  });
});
