import { NotAllowedError, SYSTEM_ACTOR } from '@keygate/contracts';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { DeleteKeyCommand } from './delete-key.command';
import { DeleteKeyHandler } from './delete-key.handler';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const remove = new DeleteKeyCommand('acc_1', 'key_1', SYSTEM_ACTOR);

describe(DeleteKeyHandler.name, () => {
  it('deletes a user key and answers which', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    await expect(new DeleteKeyHandler(mutation).execute(remove)).resolves.toEqual({
      deleted: true,
      keyId: 'key_1',
    });
    expect(applied).toEqual(['KeyDeleted']);
  });

  it('refuses to delete an application key', async () => {
    const appKey = new ApiKey().loadFromHistory([
      keyCreated({ kind: 'application', access: 'read-write', rules: [] }),
    ]);
    const { mutation, applied } = mutationOn(appKey, NOW);
    await expect(new DeleteKeyHandler(mutation).execute(remove)).rejects.toThrow(NotAllowedError);
    expect(applied).toEqual([]);
  });
});
