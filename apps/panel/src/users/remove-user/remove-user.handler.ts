import { Injectable } from '@nestjs/common';
import { KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';
import { PanelAuthority } from '../../sessions/panel-authority';
import { PanelSessions } from '../../sessions/panel-sessions';
import { PasswordResets } from '../../sessions/password-resets';

/**
 * Takes a user off the caller's account (offboarding). Their authority generation moves on, so
 * a session of theirs is refused on its next request on every Panel instance, even one a login
 * was opening at this moment; then their sessions are deleted. Their login is gone with their
 * record (the key service). The last admin cannot be removed (409).
 */
@Injectable()
export class RemoveUserHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly sessions: PanelSessions,
    private readonly authority: PanelAuthority,
    private readonly resets: PasswordResets,
  ) {}

  async execute(caller: PanelCaller, userId: string): Promise<PanelUserView> {
    const user = await this.keyService.call(KeyServicePattern.RemoveUser, {
      accountId: caller.session.accountId,
      userId,
      actor: actorOf(caller),
    });
    await this.authority.changed(user.id);
    await this.sessions.closeAllOf(user.id);
    await this.resets.revokeAllOf(user.id);
    return user;
  }
}
