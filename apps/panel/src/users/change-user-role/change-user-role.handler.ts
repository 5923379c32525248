import { Injectable } from '@nestjs/common';
import { KeyServicePattern, PanelRole, PanelUserView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';
import { PanelAuthority } from '../../sessions/panel-authority';
import { PanelSessions } from '../../sessions/panel-sessions';

/**
 * Makes a user of the caller's account an admin or a member. The user's authority generation
 * moves on and its open sessions end: a session carries the role it was opened with, so an
 * admin made a member must not keep acting as one.
 */
@Injectable()
export class ChangeUserRoleHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly sessions: PanelSessions,
    private readonly authority: PanelAuthority,
  ) {}

  async execute(caller: PanelCaller, userId: string, role: PanelRole): Promise<PanelUserView> {
    const user = await this.keyService.call(KeyServicePattern.ChangeUserRole, {
      accountId: caller.session.accountId,
      userId,
      role,
      actor: actorOf(caller),
    });
    // The generation first: a login opening a session with the old role right now is refused
    // even if its session is stored after the close below.
    await this.authority.changed(user.id);
    await this.sessions.closeAllOf(user.id);
    return user;
  }
}
