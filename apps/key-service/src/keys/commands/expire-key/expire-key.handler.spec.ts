import { keyCreated } from '../../../../test/key-created.event';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { ExpireKeyCommand } from './expire-key.command';
import { ExpireKeyHandler } from './expire-key.handler';

const EXPIRES = '2026-12-06T12:00:00.000Z';

/** A key created with `expiresAt`, as its stream holds it. */
const keyExpiringAt = (expiresAt: string | null): ApiKey =>
  new ApiKey().loadFromHistory([keyCreated({ expiresAt })]);

describe(ExpireKeyHandler.name, () => {
  it('expires the key its job was planned for, once its time has come', async () => {
    const { mutation, applied } = mutationOn(keyExpiringAt(EXPIRES), new Date(EXPIRES));
    const outcome = await new ExpireKeyHandler(mutation).execute(
      new ExpireKeyCommand('key_1', EXPIRES),
    );
    expect(outcome).toBe('expired');
    expect(applied).toEqual(['KeyExpired']);
  });

  it('does nothing for a job planned for an expiry the key no longer has', async () => {
    const moved = keyExpiringAt('2026-12-07T12:00:00.000Z');
    const { mutation, applied } = mutationOn(moved, new Date(EXPIRES));
    expect(
      await new ExpireKeyHandler(mutation).execute(new ExpireKeyCommand('key_1', EXPIRES)),
    ).toBe('superseded');
    expect(applied).toEqual([]);
  });

  it('answers not-yet to a timer that fired early, changing nothing', async () => {
    const { mutation, applied } = mutationOn(
      keyExpiringAt(EXPIRES),
      new Date(Date.parse(EXPIRES) - 5),
    );
    expect(
      await new ExpireKeyHandler(mutation).execute(new ExpireKeyCommand('key_1', EXPIRES)),
    ).toBe('not-yet');
    expect(applied).toEqual([]);
  });

  it('answers gone for a deleted (or unknown) key', async () => {
    const { mutation } = mutationOn(null, new Date(EXPIRES));
    expect(
      await new ExpireKeyHandler(mutation).execute(new ExpireKeyCommand('key_1', EXPIRES)),
    ).toBe('gone');
  });
});
