import { dueHeads, seqOf } from './delivery-order';

const now = new Date('2026-12-06T12:00:00Z');
const later = new Date(now.getTime() + 60_000);
const delivery = (id: string, chain: string, seq: string, nextAttemptAt = now) => ({
  id,
  chain,
  seq: seqOf(seq),
  nextAttemptAt,
});

describe('the deliveries that may go now', () => {
  it('are the first of each chain, in stream order', () => {
    const heads = dueHeads(
      [
        delivery('b2', 'b', '20-0'),
        delivery('a1', 'a', '10-0'),
        delivery('b1', 'b', '9-1'),
        delivery('a2', 'a', '10-1'),
      ],
      now,
    );
    expect(heads.map((d) => d.id)).toEqual(['b1', 'a1']);
  });

  it('hold a chain behind a delivery that waits for its retry, and no other chain', () => {
    const heads = dueHeads(
      [delivery('a1', 'a', '1-0', later), delivery('a2', 'a', '2-0'), delivery('b1', 'b', '3-0')],
      now,
    );
    expect(heads.map((d) => d.id)).toEqual(['b1']);
  });

  it('order stream ids by time, then sequence, whatever their lengths', () => {
    expect(seqOf('999-5') < seqOf('1000-0')).toBe(true);
    expect(seqOf('1000-9') < seqOf('1000-10')).toBe(true);
  });
});
