import { Injectable } from '@nestjs/common';
import { KeyServicePattern, UnauthorizedError } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { LoginChallenges } from '../login-challenges';
import { LoginThrottle } from '../login-throttle';
import { SessionClient } from '../panel-sessions';
import { SecondFactor } from '../two-factor/two-factor.handler';
import { LoginHandler } from '../login/login.handler';

const WRONG = () => new UnauthorizedError('Wrong code, or the login took too long; log in again');

/**
 * A login's second step: the challenge its password step gave, and a code from the app (taken
 * once: a replayed code is refused) or a recovery code (once). Throttled as logins are: a wrong
 * code is a failed attempt for the email and the client. The challenge is used up by the session
 * it opens.
 */
@Injectable()
export class LoginTwoFactorHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly challenges: LoginChallenges,
    private readonly throttle: LoginThrottle,
    private readonly login: LoginHandler,
  ) {}

  async execute(challenge: string, factor: SecondFactor, client: SessionClient) {
    const pending = await this.challenges.peek(challenge);
    if (!pending) throw WRONG();
    const attempt = await this.throttle.begin(pending.email, client.ip);
    try {
      const { verified } = await this.keyService.call(KeyServicePattern.VerifyTwoFactor, {
        accountId: pending.accountId,
        userId: pending.userId,
        ...factor,
      });
      if (!verified) {
        await attempt.failed();
        throw WRONG();
      }
      if (!(await this.challenges.take(challenge))) throw WRONG();
      await attempt.succeeded();
      const user = await this.keyService.call(KeyServicePattern.UserCredentials, {
        email: pending.email,
      });
      if (!user || user.id !== pending.userId) throw WRONG();
      const { passwordHash: _hash, ...view } = user;
      return this.login.signedIn(view, pending.authority, client);
    } finally {
      await attempt.end();
    }
  }
}
