import { seqOf } from './delivery-order';

describe('a delivery’s place in its chain', () => {
  it('orders stream ids by time, then sequence, whatever their lengths', () => {
    expect(seqOf('999-5') < seqOf('1000-0')).toBe(true);
    expect(seqOf('1000-9') < seqOf('1000-10')).toBe(true);
    expect(seqOf('1000-9') < `${seqOf('1000-9')}-1`).toBe(true);
  });
});
