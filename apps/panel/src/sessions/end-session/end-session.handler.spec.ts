import { NotFoundError } from '@keygate/contracts';
import { panelCaller } from '../../../test/fake-rpc';
import { PanelSessions } from '../panel-sessions';
import { EndSessionHandler } from './end-session.handler';

describe(EndSessionHandler.name, () => {
  const sessionsOf = (mine: string[]) =>
    ({
      closeById: async (_userId: string, id: string) => mine.includes(id),
    }) as unknown as PanelSessions;

  it('ends one of the caller’s sessions', async () => {
    await expect(
      new EndSessionHandler(sessionsOf(['ses_1'])).execute(panelCaller(), 'ses_1'),
    ).resolves.toBeUndefined();
  });

  it('answers 404 for a session that is not the caller’s', async () => {
    await expect(
      new EndSessionHandler(sessionsOf(['ses_1'])).execute(panelCaller(), 'ses_2'),
    ).rejects.toThrow(NotFoundError);
  });
});
