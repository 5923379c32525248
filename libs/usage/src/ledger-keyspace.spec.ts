import { LedgerKeyspace } from './ledger-keyspace';

describe(LedgerKeyspace.name, () => {
  const keyspace = new LedgerKeyspace('prod:keygate');

  it('names every key of an account under the namespace with the account’s hash tag', () => {
    expect(keyspace.keysOf('acc_1', 'key_1')).toEqual({
      days: 'prod:keygate:{a:acc_1}:days',
      meta: 'prod:keygate:{a:acc_1}:meta',
      keyDays: 'prod:keygate:{a:acc_1}:key:key_1',
      lastUsed: 'prod:keygate:{a:acc_1}:last-used',
      tag: 'prod:keygate:{a:acc_1}',
    });
    expect(keyspace.stepBucket('acc_1', '29837461.5b7c')).toBe(
      'prod:keygate:{a:acc_1}:steps:29837461',
    );
  });

  it('reads back what it names, and nothing of another namespace', () => {
    const { days, meta, keyDays, lastUsed } = keyspace.keysOf('acc_1', 'key_1');
    expect([days, meta, keyDays, lastUsed].map((name) => keyspace.parse(name))).toEqual([
      { accountId: 'acc_1', kind: 'days' },
      { accountId: 'acc_1', kind: 'meta' },
      { accountId: 'acc_1', kind: 'key-days', keyId: 'key_1' },
      { accountId: 'acc_1', kind: 'last-used' },
    ]);
    expect(keyspace.parse(keyspace.stepBucket('acc_1', '1.x'))).toEqual({
      accountId: 'acc_1',
      kind: 'steps',
    });
    for (const uses of [
      keyspace.usesByMinuteKey('acc_1', 'key_1', 20000),
      keyspace.usesOfDayKey('acc_1', 'key_1', 20000),
    ])
      expect(keyspace.parse(uses)).toEqual({ accountId: 'acc_1', kind: 'uses' });
    expect(keyspace.parse('kg:{a:acc_1}:days')).toBeNull();
    expect(keyspace.parse('prod:keygate:{a:acc_1}:other')).toBeNull();
    expect(keyspace.parse('prod:keygate:panel-session:abc')).toBeNull();
  });
});
