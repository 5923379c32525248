import {
  GatewayPresence,
  presenceFields,
  presenceOf,
  revocationPropagation,
  revokedKeyOf,
} from './gateway-registry';

const gateway = (id: string, extra: Partial<GatewayPresence> = {}): GatewayPresence => ({
  id,
  host: `host-${id}`,
  pid: 1,
  startedAt: 0,
  loadedAt: 100,
  position: '1-0',
  keysHeld: 3,
  heartbeatAt: 10_000,
  heartbeatMs: 1000,
  ...extra,
});

describe(revocationPropagation.name, () => {
  it('confirms once every live gateway applied the revocation, and names who has not', () => {
    const both = [gateway('a'), gateway('b')];
    const pending = revocationPropagation(both, { a: 9_500 }, 9_000, 10_200);
    expect(pending).toEqual({
      confirmed: false,
      revokedAt: new Date(9_000).toISOString(),
      gateways: [
        { id: 'a', host: 'host-a', status: 'confirmed', appliedAt: new Date(9_500).toISOString() },
        { id: 'b', host: 'host-b', status: 'pending', appliedAt: null },
      ],
    });
    expect(revocationPropagation(both, { a: 9_500, b: 9_600 }, 9_000, 10_200).confirmed).toBe(true);
  });

  it('leaves out a gateway gone three heartbeats, and counts one loaded after the revocation', () => {
    const gone = gateway('old', { heartbeatAt: 6_999 });
    const fresh = gateway('new', { loadedAt: 9_100 });
    const result = revocationPropagation([gone, fresh], {}, 9_000, 10_000);
    expect(result.gateways.map((g) => [g.id, g.status])).toEqual([['new', 'confirmed']]);
    expect(result.confirmed).toBe(true);
    expect(revocationPropagation([], {}, 9_000, 10_000).confirmed).toBe(true);
  });
});

describe('a gateway’s presence', () => {
  it('reads back what it wrote, and nothing from an empty hash', () => {
    const presence = gateway('a', { loadedAt: null });
    expect(presenceOf(presenceFields(presence))).toEqual(presence);
    expect(presenceOf({})).toBeNull();
  });
});

describe(revokedKeyOf.name, () => {
  const event = (type: string, data: object = {}) =>
    ({ streamId: 'key-key_1', type, data }) as Parameters<typeof revokedKeyOf>[0];
  it('names the key a revocation, a deletion or a leak revoked stops', () => {
    expect(revokedKeyOf(event('KeyRevoked'))).toBe('key_1');
    expect(revokedKeyOf(event('KeyDeleted'))).toBe('key_1');
    expect(revokedKeyOf(event('KeyLeaked', { action: 'revoke' }))).toBe('key_1');
    expect(revokedKeyOf(event('KeyLeaked', { action: 'quarantine' }))).toBeNull();
    expect(revokedKeyOf(event('KeyRotated'))).toBeNull();
  });
});
