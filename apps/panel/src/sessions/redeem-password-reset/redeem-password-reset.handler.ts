import { Injectable } from '@nestjs/common';
import { KeyServicePattern, ValidationError } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PasswordResets } from '../password-resets';
import { LoginThrottle } from '../login-throttle';
import { PanelAuthority } from '../panel-authority';
import { PanelSessions } from '../panel-sessions';
import { PasswordHasher } from '../password-hasher';
import { assertStrongPassword } from '../password-policy';

export interface RedeemInput {
  token: string;
  password: string;
  ip: string;
}

const UNKNOWN_LINK = () => ValidationError.of('token', 'is unknown, used or expired');

/**
 * A reset link redeemed: throttled as logins are (a wrong token is a failed attempt of the
 * client's), the new password checked before the link is used up (a weak one leaves it working),
 * the link taken away atomically (it works once), the password stored, and every session of the
 * user ended on every Panel instance.
 */
@Injectable()
export class RedeemPasswordResetHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly resets: PasswordResets,
    private readonly throttle: LoginThrottle,
    private readonly authority: PanelAuthority,
    private readonly sessions: PanelSessions,
  ) {}

  async execute({ token, password, ip }: RedeemInput): Promise<void> {
    // Counted per client (and per link): guessing links from one address soon meets a 429.
    const attempt = await this.throttle.begin(`password-reset ${token.slice(0, 16)}`, ip);
    try {
      const owner = await this.resets.peek(token);
      if (!owner) {
        await attempt.failed();
        throw UNKNOWN_LINK();
      }
      assertStrongPassword(password, [owner.email]);
      const passwordHash = await PasswordHasher.hash(password);
      if (!(await this.resets.redeem(token))) throw UNKNOWN_LINK(); // used meanwhile
      await this.keyService.call(KeyServicePattern.SetPassword, {
        accountId: owner.accountId,
        userId: owner.userId,
        passwordHash,
        via: 'reset',
        actor: { type: 'user', id: owner.userId, ip },
      });
      await attempt.succeeded();
      await this.authority.changed(owner.userId);
      await this.sessions.closeAllOf(owner.userId);
    } finally {
      await attempt.end();
    }
  }
}
