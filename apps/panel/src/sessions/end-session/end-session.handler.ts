import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@keygate/contracts';
import { PanelCaller } from '../panel-session.guard';
import { PanelSessions } from '../panel-sessions';

/** Ends one of the caller's own sessions (this one too); another user's id is not found. */
@Injectable()
export class EndSessionHandler {
  constructor(private readonly sessions: PanelSessions) {}

  async execute(caller: PanelCaller, sessionId: string): Promise<void> {
    if (!(await this.sessions.closeById(caller.session.userId, sessionId)))
      throw new NotFoundError('Session', sessionId);
  }
}
