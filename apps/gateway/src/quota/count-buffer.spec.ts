import { stepIdTime } from '@keygate/usage';
import { CountBuffer } from './count-buffer';

const MINUTE = 60_000;

describe(CountBuffer.name, () => {
  it('merges calls that never reached Redis per account and day, counted per key', () => {
    const buffer = new CountBuffer(10);
    buffer.add(null, 'a', 'k', 1, 100);
    buffer.add(null, 'a', 'k', 1, 200);
    buffer.add(null, 'a', 'k2', 1, 300);
    const taken = buffer.take(5 * MINUTE);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ accountId: 'a', counts: { k: 2, k2: 1 }, lastUsedAt: 300 });
    expect(stepIdTime(taken[0].stepId)).toBe(5 * MINUTE);
  });

  it('keeps a step that may have run under its own id, apart from the rest', () => {
    const buffer = new CountBuffer(10);
    buffer.add('7.lost', 'a', 'k', 1, 100);
    buffer.add('7.lost', 'a', 'k2', 1, 100);
    buffer.add(null, 'a', 'k', 1, 150);
    const taken = buffer.take(8 * MINUTE);
    expect(taken.map((s) => s.stepId)).toContain('7.lost');
    expect(taken.find((s) => s.stepId === '7.lost')!.counts).toEqual({ k: 1, k2: 1 });
  });

  it('keeps a step id across retries until it is replayed', () => {
    const buffer = new CountBuffer(10);
    buffer.add(null, 'a', 'k', 1, 100);
    const [first] = buffer.take(MINUTE);
    buffer.add(null, 'a', 'k', 1, 150);
    const again = buffer.take(2 * MINUTE);
    expect(again).toHaveLength(2);
    expect(again[0].stepId).toBe(first.stepId);
    buffer.replayed(first.stepId);
    expect(buffer.take(3 * MINUTE)).toHaveLength(1);
  });

  it('drops steps older than Redis remembers, and counts past its limit, saying how many', () => {
    const buffer = new CountBuffer(2);
    buffer.add('1.old', 'a', 'k', 1, 1);
    buffer.add('1.old', 'a', 'k', 1, 2);
    expect(buffer.add(null, 'b', 'k', 1, 3)).toBe(true);
    expect(buffer.add(null, 'c', 'k', 1, 3)).toBe(false);
    expect(buffer.dropped).toBe(1);
    buffer.take(20 * MINUTE);
    expect(buffer.dropOlderThan(14 * MINUTE, 20 * MINUTE)).toBe(2);
    expect(buffer.take(20 * MINUTE)).toHaveLength(1);
  });
});
