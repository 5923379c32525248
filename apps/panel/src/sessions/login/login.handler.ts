import { Injectable } from '@nestjs/common';
import { KeyServicePattern, PanelUserView, UnauthorizedError } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { LoginChallenges } from '../login-challenges';
import { LoginAttempt, LoginThrottle } from '../login-throttle';
import { PanelAuthority } from '../panel-authority';
import { PasswordHasher } from '../password-hasher';
import { SessionClient } from '../panel-sessions';
import { SessionOpener } from '../session-opener';

export interface LoginInput {
  email: string;
  password: string;
  /** The client's address, for the throttle. */
  ip: string;
  /** The client's User-Agent, kept with the session for its user's list of sessions. */
  userAgent: string;
}

/**
 * A login: takes its place in the throttle before the password is checked, checks it in the
 * same time whether or not the email exists (a hash is burnt for an unknown one), and opens a
 * session. One message for every wrong case, so the answer does not say which emails exist.
 */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionOpener,
    private readonly authority: PanelAuthority,
    private readonly challenges: LoginChallenges,
  ) {}

  async execute({ email, password, ip, userAgent }: LoginInput) {
    const attempt = await this.throttle.begin(email, ip);
    try {
      return await this.checked(email, password, attempt, { ip, userAgent });
    } finally {
      await attempt.end();
    }
  }

  private async checked(
    email: string,
    password: string,
    attempt: LoginAttempt,
    client: SessionClient,
  ) {
    const user = await this.keyService.call(KeyServicePattern.UserCredentials, { email });
    const valid = user
      ? await PasswordHasher.verify(password, user.passwordHash)
      : await PasswordHasher.burn(password).then(() => false);
    if (!user || !valid) {
      await attempt.failed();
      throw new UnauthorizedError('Wrong email or password');
    }
    await attempt.succeeded();
    // The role the session carries is read after the authority generation it records, so a role
    // change that lands meanwhile (scrypt takes a while) leaves the session refused, not elevated.
    const authority = await this.authority.generationOf(user.id);
    const current = await this.keyService.call(KeyServicePattern.UserCredentials, { email });
    if (!current || current.id !== user.id) throw new UnauthorizedError('Wrong email or password');
    const { passwordHash: _hash, ...view } = current;
    // With two-factor sign-in, the right password opens no session: a challenge for the code.
    if (view.twoFactor)
      return {
        twoFactorRequired: true as const,
        ...(await this.challenges.issue({
          userId: view.id,
          accountId: view.accountId,
          email: view.email,
          authority,
        })),
      };
    return this.signedIn(view, authority, client);
  }

  /**
   * The session of a user whose login is complete, with who they are and their account. On an
   * account that requires two-factor sign-in, a user without it gets a session that can only
   * enrol (`twoFactorEnrolmentRequired`).
   */
  async signedIn(view: PanelUserView, authority: number, client: SessionClient) {
    const account = await this.keyService.call(KeyServicePattern.GetAccount, {
      accountId: view.accountId,
    });
    const enrolOnly = account.twoFactorRequired === true && !view.twoFactor;
    return {
      ...(await this.sessions.open(view, authority, client, enrolOnly)),
      user: view,
      account,
      ...(enrolOnly && { twoFactorEnrolmentRequired: true as const }),
    };
  }
}
