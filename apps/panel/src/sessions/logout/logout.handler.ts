import { Injectable } from '@nestjs/common';
import { PanelCaller } from '../panel-session.guard';
import { PanelSessions } from '../panel-sessions';

/** A logout ends the caller's session only; the user's other sessions stay open. */
@Injectable()
export class LogoutHandler {
  constructor(private readonly sessions: PanelSessions) {}

  execute(caller: PanelCaller): Promise<void> {
    return this.sessions.close(caller.token);
  }
}
