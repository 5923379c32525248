import { creditPeriodAt, creditPeriodStart } from './credit-periods';

const at = (iso: string) => Date.parse(iso);

describe(creditPeriodAt.name, () => {
  it('counts days from the anchor, not from midnight', () => {
    const anchor = at('2026-12-06T15:30:00Z');
    expect(creditPeriodAt(anchor, 'day', at('2026-12-07T15:29:59.999Z'))).toBe(0);
    expect(creditPeriodAt(anchor, 'day', at('2026-12-07T15:30:00Z'))).toBe(1);
    expect(creditPeriodAt(anchor, 'day', at('2026-12-16T16:00:00Z'))).toBe(10);
    expect(creditPeriodAt(anchor, 'day', at('2026-12-01T00:00:00Z'))).toBe(0);
  });

  it('counts calendar months from the anchor, a 31st falling on each month’s last day', () => {
    const anchor = at('2026-01-31T10:00:00Z');
    expect(creditPeriodAt(anchor, 'month', at('2026-02-28T09:59:59Z'))).toBe(0);
    expect(creditPeriodAt(anchor, 'month', at('2026-02-28T10:00:00Z'))).toBe(1);
    expect(creditPeriodAt(anchor, 'month', at('2026-03-30T10:00:00Z'))).toBe(1);
    expect(creditPeriodAt(anchor, 'month', at('2026-03-31T10:00:00Z'))).toBe(2);
    expect(creditPeriodAt(anchor, 'month', at('2027-01-31T10:00:00Z'))).toBe(12);
  });

  it('agrees with creditPeriodStart at every boundary', () => {
    const anchor = at('2024-01-29T23:59:59.500Z');
    for (const every of ['day', 'month'] as const) {
      expect(creditPeriodAt(anchor, every, anchor)).toBe(0);
      for (let index = 1; index < 40; index++) {
        const start = creditPeriodStart(anchor, every, index);
        expect(creditPeriodAt(anchor, every, start)).toBe(index);
        expect(creditPeriodAt(anchor, every, start - 1)).toBe(index - 1);
      }
    }
  });
});
