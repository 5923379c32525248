import { Injectable } from '@nestjs/common';
import { PanelCaller } from '../panel-session.guard';
import { PanelSessions, SessionView } from '../panel-sessions';

/** The caller's own open sessions (when, from where, which is this one); never a token. */
@Injectable()
export class ListSessionsHandler {
  constructor(private readonly sessions: PanelSessions) {}

  async execute(caller: PanelCaller): Promise<{ sessions: SessionView[] }> {
    return { sessions: await this.sessions.listOf(caller.session.userId, caller.token) };
  }
}
