import { NotAllowedError, SYSTEM_ACTOR, ValidationError } from '@keygate/contracts';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { ApiKey, KeyChanges } from '../../../domain/api-key.aggregate';
import { UpdateKeyCommand } from './update-key.command';
import { UpdateKeyHandler } from './update-key.handler';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const update = (changes: KeyChanges) =>
  new UpdateKeyCommand('acc_1', 'key_1', changes, SYSTEM_ACTOR);

describe(UpdateKeyHandler.name, () => {
  it('applies what changed and answers the key as it now is', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    const view = await new UpdateKeyHandler(mutation).execute(
      update({ name: 'Catalogue', rules: [{ resource: 'product', actions: ['read', 'update'] }] }),
    );
    expect(applied).toEqual(['KeyUpdated']);
    expect(view).toMatchObject({
      name: 'Catalogue',
      rules: [{ resource: 'product', actions: ['read', 'update'] }],
    });
  });

  it('stores nothing when nothing changed', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    await new UpdateKeyHandler(mutation).execute(update({ name: 'Product reader' }));
    expect(applied).toEqual([]);
  });

  it('refuses an expiry in the past', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    await expect(
      new UpdateKeyHandler(mutation).execute(update({ expiresAt: '2026-12-05T12:00:00.000Z' })),
    ).rejects.toThrow(ValidationError);
    expect(applied).toEqual([]);
  });

  it('refuses to edit an application key', async () => {
    const appKey = new ApiKey().loadFromHistory([
      keyCreated({ kind: 'application', access: 'read-only', rules: [] }),
    ]);
    const { mutation } = mutationOn(appKey, NOW);
    await expect(new UpdateKeyHandler(mutation).execute(update({ name: 'x' }))).rejects.toThrow(
      NotAllowedError,
    );
  });
});
