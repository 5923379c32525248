import { CountBuffer } from './count-buffer';

describe(CountBuffer.name, () => {
  it('adds up calls per account, key and day', () => {
    const buffer = new CountBuffer(10);
    buffer.add('a', 'k', 1, 100);
    buffer.add('a', 'k', 1, 200);
    buffer.add('a', 'k2', 1, 300);
    const taken = buffer.take();
    expect(taken.map((c) => [c.keyId, c.count, c.lastUsedAt])).toEqual([
      ['k', 2, 200],
      ['k2', 1, 300],
    ]);
  });

  it('keeps a batch id across retries until it is replayed', () => {
    const buffer = new CountBuffer(10);
    buffer.add('a', 'k', 1, 100);
    const [first] = buffer.take();
    buffer.add('a', 'k', 1, 150);
    const again = buffer.take();
    expect(again).toHaveLength(2);
    expect(again[0].batchId).toBe(first.batchId);
    buffer.replayed(first.batchId);
    expect(buffer.take()).toHaveLength(1);
  });

  it('drops counts past its limit and says how many', () => {
    const buffer = new CountBuffer(1);
    expect(buffer.add('a', 'k', 1, 1)).toBe(true);
    expect(buffer.add('a', 'k', 1, 2)).toBe(true);
    expect(buffer.add('b', 'k', 1, 3)).toBe(false);
    expect(buffer.dropped).toBe(1);
  });
});
