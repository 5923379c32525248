import { KeyServicePattern, PanelUserCredentials, UnauthorizedError } from '@keygate/contracts';
import { fakeKeyService } from '../../../test/fake-rpc';
import { LoginChallenge, LoginChallenges } from '../login-challenges';
import { recordingThrottle } from '../../../test/fake-login-throttle';
import { LoginHandler } from '../login/login.handler';
import { LoginTwoFactorHandler } from './login-two-factor.handler';

const PENDING: LoginChallenge = {
  userId: 'usr_1',
  accountId: 'acc_1',
  email: 'a@x.io',
  authority: 4,
};
const CLIENT = { ip: '192.0.2.1', userAgent: 'spec' };

function setup(verified: boolean) {
  const steps: string[] = [];
  let challenge: LoginChallenge | null = PENDING;
  const challenges = {
    peek: async () => challenge,
    take: async () => {
      const taken = challenge;
      challenge = null;
      return taken;
    },
  } as unknown as LoginChallenges;
  const throttle = recordingThrottle(steps);
  const login = {
    signedIn: async (view: { id: string }, authority: number) => ({
      session: 'kgs',
      view,
      authority,
    }),
  } as unknown as LoginHandler;
  const { client } = fakeKeyService({
    [KeyServicePattern.VerifyTwoFactor]: () => ({ verified }),
    [KeyServicePattern.UserCredentials]: () =>
      ({ id: 'usr_1', passwordHash: 'h', twoFactor: true }) as PanelUserCredentials,
  });
  return { handler: new LoginTwoFactorHandler(client, challenges, throttle, login), steps };
}

describe(LoginTwoFactorHandler.name, () => {
  it('opens the session with the authority the password step read, using the challenge up', async () => {
    const { handler, steps } = setup(true);
    expect(await handler.execute('kgc_x', { code: '123456' }, CLIENT)).toEqual({
      session: 'kgs',
      view: { id: 'usr_1', twoFactor: true },
      authority: 4,
    });
    expect(steps).toEqual(['succeeded', 'end']);
    await expect(handler.execute('kgc_x', { code: '123456' }, CLIENT)).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it('counts a wrong code as a failed login and keeps the challenge', async () => {
    const { handler, steps } = setup(false);
    await expect(handler.execute('kgc_x', { code: '000000' }, CLIENT)).rejects.toThrow(
      UnauthorizedError,
    );
    expect(steps).toEqual(['failed', 'end']);
  });
});
