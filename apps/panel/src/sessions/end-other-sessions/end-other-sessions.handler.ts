import { Injectable } from '@nestjs/common';
import { PanelCaller } from '../panel-session.guard';
import { PanelSessions } from '../panel-sessions';

/** Ends every session of the caller but the one asking ("sign out everywhere else"). */
@Injectable()
export class EndOtherSessionsHandler {
  constructor(private readonly sessions: PanelSessions) {}

  async execute(caller: PanelCaller): Promise<{ ended: number }> {
    return { ended: await this.sessions.closeOthersOf(caller.session.userId, caller.token) };
  }
}
