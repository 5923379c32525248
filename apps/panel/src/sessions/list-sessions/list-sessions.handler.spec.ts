import { panelCaller } from '../../../test/fake-rpc';
import { PanelSessions, SessionView } from '../panel-sessions';
import { ListSessionsHandler } from './list-sessions.handler';

describe(ListSessionsHandler.name, () => {
  it('lists the caller’s own sessions, marking the one asking', async () => {
    const asked: Array<[string, string]> = [];
    const listed = [{ id: 'ses_1', current: true }] as SessionView[];
    const sessions = {
      listOf: async (userId: string, token: string) => (asked.push([userId, token]), listed),
    } as unknown as PanelSessions;
    const caller = panelCaller();
    expect(await new ListSessionsHandler(sessions).execute(caller)).toEqual({ sessions: listed });
    expect(asked).toEqual([[caller.session.userId, caller.token]]);
  });
});
