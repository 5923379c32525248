import { panelCaller } from '../../../test/fake-rpc';
import { PanelSessions } from '../panel-sessions';
import { EndOtherSessionsHandler } from './end-other-sessions.handler';

describe(EndOtherSessionsHandler.name, () => {
  it('ends the caller’s other sessions, keeping the one asking', async () => {
    const kept: string[] = [];
    const sessions = {
      closeOthersOf: async (_userId: string, keep: string) => (kept.push(keep), 2),
    } as unknown as PanelSessions;
    const caller = panelCaller();
    expect(await new EndOtherSessionsHandler(sessions).execute(caller)).toEqual({ ended: 2 });
    expect(kept).toEqual([caller.token]);
  });
});
