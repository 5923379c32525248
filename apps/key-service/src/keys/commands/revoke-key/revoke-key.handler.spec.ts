import { NotAllowedError, NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { RevokeKeyCommand } from './revoke-key.command';
import { RevokeKeyHandler } from './revoke-key.handler';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const revoke = new RevokeKeyCommand('acc_1', 'key_1', SYSTEM_ACTOR);

describe(RevokeKeyHandler.name, () => {
  it('revokes an active key and answers its view, revoked', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    const view = await new RevokeKeyHandler(mutation).execute(revoke);
    expect(applied).toEqual(['KeyRevoked']);
    expect(view).toMatchObject({ id: 'key_1', status: 'revoked' });
  });

  it('answers a revoked key again without a second event', async () => {
    const key = new ApiKey().loadFromHistory([keyCreated()]);
    const { mutation, applied } = mutationOn(key, NOW);
    await new RevokeKeyHandler(mutation).execute(revoke);
    await new RevokeKeyHandler(mutation).execute(revoke);
    expect(applied).toEqual(['KeyRevoked']);
  });

  it('refuses an application key (they are regenerated, not revoked)', async () => {
    const appKey = new ApiKey().loadFromHistory([
      keyCreated({ kind: 'application', access: 'read-only', rules: [] }),
    ]);
    const { mutation, applied } = mutationOn(appKey, NOW);
    await expect(new RevokeKeyHandler(mutation).execute(revoke)).rejects.toThrow(NotAllowedError);
    expect(applied).toEqual([]);
  });

  it('answers 404 for a key it cannot find', async () => {
    const { mutation } = mutationOn(null, NOW);
    await expect(new RevokeKeyHandler(mutation).execute(revoke)).rejects.toThrow(NotFoundError);
  });
});
