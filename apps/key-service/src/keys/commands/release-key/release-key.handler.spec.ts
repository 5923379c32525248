import { NotAllowedError, SYSTEM_ACTOR } from '@keygate/contracts';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { ReleaseKeyCommand } from './release-key.command';
import { ReleaseKeyHandler } from './release-key.handler';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const release = new ReleaseKeyCommand('acc_1', 'key_1', SYSTEM_ACTOR);

describe(ReleaseKeyHandler.name, () => {
  it('lets a quarantined key work again', async () => {
    const key = new ApiKey().loadFromHistory([keyCreated()]);
    key.reportLeak('github:commit', 'https://github.com/a/b', 'quarantine', NOW);
    key.takePendingEvents();
    expect(key.status(NOW)).toBe('quarantined');
    const { mutation, applied } = mutationOn(key, NOW);
    expect((await new ReleaseKeyHandler(mutation).execute(release)).status).toBe('active');
    expect(applied).toEqual(['KeyReleased']);
  });

  it('refuses to release a key that is not quarantined', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    await expect(new ReleaseKeyHandler(mutation).execute(release)).rejects.toThrow(NotAllowedError);
    expect(applied).toEqual([]);
  });
});
