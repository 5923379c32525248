import { NotAllowedError, NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { RevokeKeyCommand } from './revoke-key.command';
import { RevokeKeyHandler } from './revoke-key.handler';
import { GatewayRegistryReader } from '../../../gateways/gateway-registry.reader';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const revoke = new RevokeKeyCommand('acc_1', 'key_1', SYSTEM_ACTOR);
const CONFIRMED = { confirmed: true, revokedAt: NOW.toISOString(), gateways: [] };

/** A registry where every gateway confirmed at once, or one that cannot be read. */
const registry = (readable = true) =>
  ({
    recordRevocation: async (_keyId: string, at: number) => at,
    awaitPropagation: async () => {
      if (!readable) throw new Error('Connection is closed.');
      return CONFIRMED;
    },
  }) as unknown as GatewayRegistryReader;
const handler = (mutation: ConstructorParameters<typeof RevokeKeyHandler>[0], readable = true) =>
  new RevokeKeyHandler(mutation, registry(readable), { revokeConfirmTimeoutMs: 2000 });

describe(RevokeKeyHandler.name, () => {
  it('revokes an active key and answers its view, revoked', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    const view = await handler(mutation).execute(revoke);
    expect(applied).toEqual(['KeyRevoked']);
    expect(view).toMatchObject({ id: 'key_1', status: 'revoked', propagation: CONFIRMED });
  });

  it('answers the revoked key with its propagation unknown when the registry cannot be read', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    const view = await handler(mutation, false).execute(revoke);
    expect(applied).toEqual(['KeyRevoked']);
    expect(view).toMatchObject({ status: 'revoked', propagation: null });
  });

  it('answers a revoked key again without a second event', async () => {
    const key = new ApiKey().loadFromHistory([keyCreated()]);
    const { mutation, applied } = mutationOn(key, NOW);
    await handler(mutation).execute(revoke);
    await handler(mutation).execute(revoke);
    expect(applied).toEqual(['KeyRevoked']);
  });

  it('refuses an application key (they are regenerated, not revoked)', async () => {
    const appKey = new ApiKey().loadFromHistory([
      keyCreated({ kind: 'application', access: 'read-only', rules: [] }),
    ]);
    const { mutation, applied } = mutationOn(appKey, NOW);
    await expect(handler(mutation).execute(revoke)).rejects.toThrow(NotAllowedError);
    expect(applied).toEqual([]);
  });

  it('answers 404 for a key it cannot find', async () => {
    const { mutation } = mutationOn(null, NOW);
    await expect(handler(mutation).execute(revoke)).rejects.toThrow(NotFoundError);
  });
});
