import { SignedUpAccount, TooManySignupsError } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PasswordHasher } from '../../sessions/password-hasher';
import { SessionOpener } from '../../sessions/session-opener';
import { SignupThrottle } from '../signup-throttle';
import { SignupHandler } from './signup.handler';

describe(SignupHandler.name, () => {
  const sent: Array<Record<string, unknown>> = [];
  const keyService = {
    call: async (_pattern: string, request: Record<string, unknown>) => {
      sent.push(request);
      return {
        account: { id: 'acc_1', name: 'Acme', plan: 'free' },
        user: { id: 'usr_1', accountId: 'acc_1', email: 'me@x.io', role: 'admin' },
        applicationKeys: [
          {
            key: {
              id: 'key_1',
              name: 'RW',
              kind: 'application',
              access: 'read-write',
              environment: 'live',
              hint: '…a',
            },
            secret: 'kg_sk_secret',
          },
        ],
      } as unknown as SignedUpAccount;
    },
  } as unknown as KeyServiceClient;
  let allowed = true;
  const throttle = {
    take: async () => {
      if (!allowed) throw new TooManySignupsError(60);
    },
  } as unknown as SignupThrottle;
  const sessions = {
    open: async () => ({ session: 'tok', expiresAt: 'later', csrfToken: 'csrf' }),
  } as unknown as SessionOpener;
  const handler = new SignupHandler(keyService, throttle, sessions);
  const input = {
    email: 'me@x.io',
    password: 'a long passphrase',
    accountName: 'Acme',
    ip: '192.0.2.7',
    userAgent: 'spec',
  };

  beforeEach(() => {
    sent.length = 0;
    allowed = true;
  });

  it('sends the key service a password hash only, and shows the application keys once', async () => {
    const answer = await handler.execute(input);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).not.toContain('a long passphrase');
    expect(await PasswordHasher.verify('a long passphrase', sent[0].passwordHash as string)).toBe(
      true,
    );
    expect(sent[0].actor).toEqual({ type: 'user', ip: '192.0.2.7' });
    expect(answer).toMatchObject({ session: 'tok', account: { id: 'acc_1' } });
    expect(answer.applicationKeys).toEqual([
      {
        id: 'key_1',
        name: 'RW',
        kind: 'application',
        access: 'read-write',
        environment: 'live',
        hint: '…a',
        secret: 'kg_sk_secret',
      },
    ]);
  });

  it('opens nothing past the address’s sign-up limit', async () => {
    allowed = false;
    await expect(handler.execute(input)).rejects.toBeInstanceOf(TooManySignupsError);
    expect(sent).toHaveLength(0);
  });
});
