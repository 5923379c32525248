import { ByteBudget } from './byte-budget';

describe(ByteBudget.name, () => {
  it('grants what fits at once and holds the rest, first come first served', async () => {
    const budget = new ByteBudget(100);
    await budget.reserve(60);
    const granted: string[] = [];
    const big = budget.reserve(50).then(() => granted.push('big'));
    const small = budget.reserve(10).then(() => granted.push('small'));
    await Promise.resolve();
    // The small one would fit, but waits its turn behind the big one: no starvation.
    expect(granted).toEqual([]);
    budget.release(60);
    await Promise.all([big, small]);
    expect(granted).toEqual(['big', 'small']);
    expect(budget.inUse).toBe(60);
  });

  it('refuses a reservation that could never fit', async () => {
    await expect(new ByteBudget(10).reserve(11)).rejects.toThrow(RangeError);
  });
});
