import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, PanelUserView } from '@keygate/contracts';
import { PanelSessions, SessionClient } from './panel-sessions';

/** What a client gets when a session opens: the token (Bearer, and the cookie's value). */
export interface OpenedSession {
  session: string;
  expiresAt: string;
  csrfToken: string;
}

/** Opens a panel session for a user who just signed up or logged in. */
@Injectable()
export class SessionOpener {
  constructor(
    private readonly sessions: PanelSessions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `authority`: the user's authority generation, read before `user` (and its role) was;
   * `client`: where the session is opened from, shown in the user's list of sessions.
   */
  async open(
    user: PanelUserView,
    authority: number,
    client: SessionClient,
    /** The account requires two-factor sign-in and the user has none: a session to enrol only. */
    enrolOnly = false,
  ): Promise<OpenedSession> {
    const { token, session } = await this.sessions.open(
      {
        userId: user.id,
        accountId: user.accountId,
        email: user.email,
        role: user.role,
        authority,
      },
      this.clock.now(),
      client,
      enrolOnly,
    );
    return { session: token, expiresAt: session.expiresAt, csrfToken: session.csrfToken };
  }
}
