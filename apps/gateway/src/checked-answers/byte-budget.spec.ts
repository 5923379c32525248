import { ByteBudget } from './byte-budget';

describe(ByteBudget.name, () => {
  it('grants what fits at once and holds the rest, first come first served', async () => {
    const budget = new ByteBudget(100);
    await budget.reserve(60);
    const granted: string[] = [];
    const big = Promise.resolve(budget.reserve(50)).then(() => granted.push('big'));
    const small = Promise.resolve(budget.reserve(10)).then(() => granted.push('small'));
    await Promise.resolve();
    // The small one would fit, but waits its turn behind the big one: no starvation.
    expect(granted).toEqual([]);
    budget.release(60);
    await Promise.all([big, small]);
    expect(granted).toEqual(['big', 'small']);
    expect(budget.inUse).toBe(60);
  });

  it('refuses a reservation that could never fit', () => {
    expect(() => new ByteBudget(10).reserve(11)).toThrow(RangeError);
  });

  it('grants a reservation that fits without a promise to wait for', () => {
    const budget = new ByteBudget(10);
    expect(budget.reserve(4)).toBeUndefined();
    expect(budget.inUse).toBe(4);
  });
});
