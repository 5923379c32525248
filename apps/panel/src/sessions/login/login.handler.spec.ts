import {
  AccountView,
  KeyServicePattern,
  PanelUserCredentials,
  UnauthorizedError,
} from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { recordingThrottle } from '../../../test/fake-login-throttle';
import { PanelAuthority } from '../panel-authority';
import { PasswordHasher } from '../password-hasher';
import { SessionOpener } from '../session-opener';
import { LoginChallenge, LoginChallenges } from '../login-challenges';
import { LoginHandler } from './login.handler';

const account: AccountView = {
  id: 'acc_1',
  name: 'Acme',
  plan: 'pro',
  createdAt: '2026-11-29T00:00:00.000Z',
  version: 1,
};

describe(LoginHandler.name, () => {
  let credentials: PanelUserCredentials;
  const calls: string[] = [];
  const keyService = {
    call: async (pattern: string, request: { email?: string }) => {
      calls.push(pattern);
      if (pattern === 'users.credentials')
        return request.email === credentials.email ? credentials : null;
      return account;
    },
  } as unknown as KeyServiceClient;
  const attempts: string[] = [];
  const throttle = recordingThrottle(attempts, { recordBegin: true });
  const opened: Array<{ role: string; authority: number }> = [];
  const sessions = {
    open: async (user: { role: string }, authority: number) => {
      opened.push({ role: user.role, authority });
      return { session: 'tok', expiresAt: 'later', csrfToken: 'csrf' };
    },
  } as unknown as SessionOpener;
  let generation = 3;
  const authority = {
    generationOf: async (userId: string) => {
      calls.push(`authority ${userId}`);
      return generation;
    },
  } as unknown as PanelAuthority;
  const challenged: LoginChallenge[] = [];
  const challenges = {
    issue: async (login: LoginChallenge) => (
      challenged.push(login),
      { challenge: 'kgc_x', expiresAt: 'soon' }
    ),
  } as unknown as LoginChallenges;
  const handler = new LoginHandler(keyService, throttle, sessions, authority, challenges);

  beforeAll(async () => {
    credentials = {
      id: 'usr_1',
      accountId: 'acc_1',
      email: 'me@x.io',
      role: 'admin',
      createdAt: '2026-11-29T00:00:00.000Z',
      passwordHash: await PasswordHasher.hash('correct horse battery'),
      twoFactor: false,
    } as PanelUserCredentials;
  });
  beforeEach(() => {
    calls.length = 0;
    attempts.length = 0;
    opened.length = 0;
  });

  it('opens a session for the right password, after taking its place in the throttle', async () => {
    const answer = await handler.execute({
      email: 'me@x.io',
      password: 'correct horse battery',
      ip: '192.0.2.1',
      userAgent: 'spec',
    });
    expect(attempts).toEqual(['begin me@x.io 192.0.2.1', 'succeeded', 'end']);
    expect(answer).toMatchObject({ session: 'tok', csrfToken: 'csrf', account });
    if (!('user' in answer)) throw new Error('expected a session');
    expect(answer.user).toEqual(expect.objectContaining({ id: 'usr_1' }));
    expect(answer.user).not.toHaveProperty('passwordHash');
    expect(answer.user).toMatchObject({ twoFactor: false });
  });

  it('opens no session for a user with two-factor sign-in: a challenge for the code', async () => {
    const withCode = { ...credentials, twoFactor: true };
    const twoStep = {
      call: async (pattern: string) =>
        pattern === KeyServicePattern.GetAccount ? account : withCode,
    } as unknown as KeyServiceClient;
    challenged.length = 0;
    const answer = await new LoginHandler(
      twoStep,
      throttle,
      sessions,
      authority,
      challenges,
    ).execute({
      email: 'me@x.io',
      password: 'correct horse battery',
      ip: '192.0.2.1',
      userAgent: 'spec',
    });
    expect(answer).toEqual({ twoFactorRequired: true, challenge: 'kgc_x', expiresAt: 'soon' });
    expect(opened).toEqual([]);
    expect(challenged).toEqual([
      { userId: 'usr_1', accountId: withCode.accountId, email: withCode.email, authority: 3 },
    ]);
  });

  it('reads the role after the authority generation the session records', async () => {
    generation = 7;
    const demoted = { ...credentials, role: 'member' as const };
    let reads = 0;
    const racing = {
      call: async (pattern: string, request: { email?: string }) => {
        calls.push(pattern);
        if (pattern !== 'users.credentials') return account;
        // A role change lands between the password check and the second read.
        return request.email === credentials.email ? (reads++ === 0 ? credentials : demoted) : null;
      },
    } as unknown as KeyServiceClient;
    const answer = await new LoginHandler(
      racing,
      throttle,
      sessions,
      authority,
      challenges,
    ).execute({
      email: 'me@x.io',
      password: 'correct horse battery',
      ip: '192.0.2.1',
      userAgent: 'spec',
    });
    expect(calls).toEqual([
      'users.credentials',
      'authority usr_1',
      'users.credentials',
      'accounts.get',
    ]);
    expect(opened).toEqual([{ role: 'member', authority: 7 }]);
    expect(answer).toMatchObject({ user: { role: 'member' } });
  });

  it('gives its in-flight place back when the key service fails mid-login', async () => {
    const broken = {
      call: async () => {
        throw new Error('key service away');
      },
    } as unknown as KeyServiceClient;
    await expect(
      new LoginHandler(broken, throttle, sessions, authority, challenges).execute({
        email: 'me@x.io',
        password: 'x',
        ip: '192.0.2.1',
        userAgent: 'spec',
      }),
    ).rejects.toThrow('key service away');
    expect(attempts).toEqual(['begin me@x.io 192.0.2.1', 'end']);
  });

  it.each([
    ['a wrong password', 'me@x.io', 'wrong password'],
    ['an unknown email', 'nobody@x.io', 'correct horse battery'],
  ])('answers one 401 for %s, and counts the failure', async (_case, email, password) => {
    const failure = await handler
      .execute({ email, password, ip: '192.0.2.1', userAgent: 'spec' })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(UnauthorizedError);
    expect(failure.message).toBe('Wrong email or password');
    expect(attempts).toEqual([`begin ${email} 192.0.2.1`, 'failed', 'end']);
    expect(calls).toEqual(['users.credentials']); // no session, no account read
  });
});
