import { Injectable } from '@nestjs/common';
import { KeyServicePattern, ValidationError } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { LoginThrottle } from '../login-throttle';
import { PanelCaller, actorOf } from '../panel-session.guard';
import { PanelSessions } from '../panel-sessions';
import { PasswordHasher } from '../password-hasher';
import { assertStrongPassword } from '../password-policy';

/**
 * The signed-in user changes their own password: the current one checked as a login is
 * (throttled; a wrong one is a failed attempt), the new one checked for strength, stored, and
 * every other session of theirs ended (this one stays).
 */
@Injectable()
export class ChangePasswordHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly throttle: LoginThrottle,
    private readonly sessions: PanelSessions,
  ) {}

  async execute(caller: PanelCaller, current: string, next: string): Promise<{ ended: number }> {
    const { email, accountId, userId } = caller.session;
    const attempt = await this.throttle.begin(email, caller.ip);
    try {
      const user = await this.keyService.call(KeyServicePattern.UserCredentials, { email });
      if (
        !user ||
        user.id !== userId ||
        !(await PasswordHasher.verify(current, user.passwordHash))
      ) {
        await attempt.failed();
        throw ValidationError.of('current', 'is not your current password');
      }
      await attempt.succeeded();
      assertStrongPassword(next, [email], 'next');
      await this.keyService.call(KeyServicePattern.SetPassword, {
        accountId,
        userId,
        passwordHash: await PasswordHasher.hash(next),
        via: 'changed',
        actor: actorOf(caller),
      });
      return { ended: await this.sessions.closeOthersOf(userId, caller.token) };
    } finally {
      await attempt.end();
    }
  }
}
