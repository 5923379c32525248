import { DAY_MS } from '@keygate/usage';
import { unusedKeyIds } from './unused-keys';

describe('unused keys', () => {
  const now = Date.UTC(2026, 10, 23, 12);
  const ago = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const key = (id: string, createdDaysAgo: number, status = 'active' as const) => ({
    id,
    status,
    createdAt: ago(createdDaysAgo),
  });

  it('flags an active key older than 30 days with no call in them', () => {
    const keys = [key('never', 40), key('old-use', 40), key('recent', 40), key('young', 10)];
    const lastUsed = { 'old-use': now - 31 * DAY_MS, recent: now - 29 * DAY_MS };
    expect(unusedKeyIds(keys, lastUsed, now)).toEqual(['never', 'old-use']);
  });

  it('leaves revoked and expired keys alone', () => {
    const keys = [
      { id: 'r', status: 'revoked' as const, createdAt: ago(90) },
      { id: 'e', status: 'expired' as const, createdAt: ago(90) },
    ];
    expect(unusedKeyIds(keys, {}, now)).toEqual([]);
  });
});
