import { Injectable } from '@nestjs/common';
import { KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PasswordHasher } from '../../sessions/password-hasher';
import { assertStrongPassword } from '../../sessions/password-policy';
import { SessionOpener } from '../../sessions/session-opener';
import { SignupThrottle } from '../signup-throttle';

export interface SignupInput {
  email: string;
  password: string;
  accountName: string;
  ip: string;
  userAgent: string;
}

/**
 * A sign-up: counted against the address first (each is a scrypt hash and a new account), the
 * password hashed here so the key service only ever sees the hash, the account opened with its
 * admin, a session opened; the application keys' secrets are in this answer and nowhere else.
 */
@Injectable()
export class SignupHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly throttle: SignupThrottle,
    private readonly sessions: SessionOpener,
  ) {}

  async execute({ email, password, accountName, ip, userAgent }: SignupInput) {
    await this.throttle.take(ip);
    assertStrongPassword(password, [email, accountName]);
    const signedUp = await this.keyService.call(KeyServicePattern.Signup, {
      email,
      passwordHash: await PasswordHasher.hash(password),
      accountName,
      actor: { type: 'user', ip },
    });
    return {
      account: signedUp.account,
      user: signedUp.user,
      // A user this call created has had no change of authority: generation 0.
      ...(await this.sessions.open(signedUp.user, 0, { ip, userAgent })),
      applicationKeys: signedUp.applicationKeys.map(({ key, secret }) => ({
        id: key.id,
        name: key.name,
        kind: key.kind,
        access: key.access,
        environment: key.environment,
        hint: key.hint,
        secret,
      })),
    };
  }
}
