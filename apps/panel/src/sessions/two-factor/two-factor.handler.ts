import { Injectable } from '@nestjs/common';
import { KeyServicePattern, PanelUserView, TwoFactorEnrolment } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../panel-session.guard';
import { PanelSessions } from '../panel-sessions';

/** A code from the app, or one of the recovery codes. */
export interface SecondFactor {
  code?: string;
  recoveryCode?: string;
}

/**
 * The signed-in user's own two-factor sign-in: enrol (a secret and its otpauth:// URL, shown
 * once), confirm with a first code (ten recovery codes, shown once), turn off with a code. The
 * key service keeps the secrets, sealed; they never pass here but at enrolment.
 */
@Injectable()
export class TwoFactorHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly sessions: PanelSessions,
  ) {}

  begin(caller: PanelCaller): Promise<TwoFactorEnrolment> {
    return this.keyService.call(KeyServicePattern.BeginTwoFactor, this.userOf(caller));
  }

  /** Turns it on; a session that could only enrol may then do everything. */
  async confirm(caller: PanelCaller, code: string): Promise<{ recoveryCodes: string[] }> {
    const confirmed = await this.keyService.call(KeyServicePattern.ConfirmTwoFactor, {
      ...this.userOf(caller),
      code,
    });
    if (caller.session.enrolOnly) await this.sessions.liftEnrolOnly(caller.token);
    return confirmed;
  }

  disable(caller: PanelCaller, factor: SecondFactor): Promise<PanelUserView> {
    return this.keyService.call(KeyServicePattern.DisableTwoFactor, {
      ...this.userOf(caller),
      ...factor,
    });
  }

  private userOf(caller: PanelCaller) {
    return {
      accountId: caller.session.accountId,
      userId: caller.session.userId,
      actor: actorOf(caller),
    };
  }
}
