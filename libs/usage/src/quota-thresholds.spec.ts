import { thresholdCalls, thresholdsCrossed } from './quota-thresholds';

describe('quota thresholds', () => {
  it('reaches 80 % and 100 % on exactly one call each', () => {
    const crossings = Array.from({ length: 10 }, (_, i) => thresholdsCrossed(i, i + 1, 10));
    expect(crossings[7]).toEqual([80]);
    expect(crossings[9]).toEqual([100]);
    expect(crossings.flat()).toHaveLength(2);
  });

  it('rounds the 80 % mark up, so a limit of 3 alerts at the third call with both', () => {
    expect(thresholdCalls(80, 3)).toBe(3);
    expect(thresholdsCrossed(2, 3, 3)).toEqual([80, 100]);
  });

  it('reports every threshold a replayed batch jumps over', () => {
    expect(thresholdsCrossed(700, 1000, 1000)).toEqual([80, 100]);
    expect(thresholdsCrossed(850, 900, 1000)).toEqual([]);
  });

  it('never alerts for a plan without calls', () => {
    expect(thresholdsCrossed(0, 1, 0)).toEqual([]);
  });
});
