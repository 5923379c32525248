import { panelCaller } from '../../../test/fake-rpc';
import { PanelSessions } from '../panel-sessions';
import { LogoutHandler } from './logout.handler';

describe(LogoutHandler.name, () => {
  it('closes the session the call came with, and only it', async () => {
    const closed: string[] = [];
    const sessions = {
      close: async (token: string) => void closed.push(token),
      closeAllOf: async () => {
        throw new Error('a logout must not end the user’s other sessions');
      },
    } as unknown as PanelSessions;
    await new LogoutHandler(sessions).execute(panelCaller('member'));
    expect(closed).toEqual(['session-token']);
  });
});
