import { KeyServicePattern, PanelUserCredentials, ValidationError } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { recordingThrottle } from '../../../test/fake-login-throttle';
import { PanelSessions } from '../panel-sessions';
import { PasswordHasher } from '../password-hasher';
import { ChangePasswordHandler } from './change-password.handler';

describe(ChangePasswordHandler.name, () => {
  let credentials: PanelUserCredentials;
  const attempts: string[] = [];
  const throttle = recordingThrottle(attempts);
  const sessions = { closeOthersOf: async () => 2 } as unknown as PanelSessions;

  beforeAll(async () => {
    const caller = panelCaller();
    credentials = {
      id: caller.session.userId,
      accountId: caller.session.accountId,
      email: caller.session.email,
      role: 'admin',
      createdAt: '2026-12-01T00:00:00.000Z',
      passwordHash: await PasswordHasher.hash('correct horse battery'),
      twoFactor: false,
    };
  });
  beforeEach(() => (attempts.length = 0));

  const handler = () =>
    fakeKeyService({
      [KeyServicePattern.UserCredentials]: () => credentials,
      [KeyServicePattern.SetPassword]: (request) => ({ ...credentials, id: request.userId }),
    });

  it('stores the new password’s hash, never the password, and ends the other sessions', async () => {
    const { fake, client } = handler();
    const answer = await new ChangePasswordHandler(client, throttle, sessions).execute(
      panelCaller(),
      'correct horse battery',
      'violet lantern orbit',
    );
    expect(answer).toEqual({ ended: 2 });
    const set = fake.calls.find((call) => call.pattern === KeyServicePattern.SetPassword)!;
    expect(JSON.stringify(set.request)).not.toContain('violet lantern orbit');
    expect(set.request).toMatchObject({ via: 'changed' });
    expect(attempts).toEqual(['succeeded', 'end']);
  });

  it('counts a wrong current password as a failed attempt and stores nothing', async () => {
    const { fake, client } = handler();
    await expect(
      new ChangePasswordHandler(client, throttle, sessions).execute(
        panelCaller(),
        'not it',
        'violet lantern orbit',
      ),
    ).rejects.toThrow(ValidationError);
    expect(fake.calls.map((call) => call.pattern)).toEqual([KeyServicePattern.UserCredentials]);
    expect(attempts).toEqual(['failed', 'end']);
  });
});
