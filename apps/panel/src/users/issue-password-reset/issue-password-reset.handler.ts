import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';
import { PasswordResets } from '../../sessions/password-resets';

/**
 * An admin makes a one-time password reset link for a user of their account: recorded in the
 * account's stream first (404 for another account's user), then the link made, shown this once,
 * valid an hour. The user opens it on the Panel page, or posts its token to
 * POST /panel/api/password-reset.
 */
@Injectable()
export class IssuePasswordResetHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly resets: PasswordResets,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
  ) {}

  async execute(
    caller: PanelCaller,
    userId: string,
  ): Promise<{ resetUrl: string; token: string; expiresAt: string }> {
    const user = await this.keyService.call(KeyServicePattern.RecordPasswordReset, {
      accountId: caller.session.accountId,
      userId,
      actor: actorOf(caller),
    });
    const { token, expiresAt } = await this.resets.issue({
      userId: user.id,
      accountId: user.accountId,
      email: user.email,
    });
    const resetUrl = `${this.config.panel.publicUrl.replace(/\/$/, '')}/panel#reset=${token}`;
    return { resetUrl, token, expiresAt };
  }
}
