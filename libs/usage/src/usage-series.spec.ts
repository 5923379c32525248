import { dayIndexOf, isoDate } from './rolling-window';
import { usageSeries } from './usage-series';

describe(usageSeries.name, () => {
  const today = dayIndexOf(Date.parse('2026-11-23T10:00:00Z'));

  it('draws 30 days ending today with used, remaining and the coming drop-offs', () => {
    const series = usageSeries(
      new Map([
        [today - 29, 4],
        [today, 6],
      ]),
      today,
      100,
    );
    expect(series).toMatchObject({ windowDays: 30, limit: 100, used: 10, remaining: 90 });
    expect(series.days).toHaveLength(30);
    expect(series.days[0]).toEqual({ date: isoDate(today - 29), calls: 4 });
    expect(series.days[29]).toEqual({ date: '2026-11-23', calls: 6 });
    expect(series.dropOffs[0]).toEqual({ date: '2026-11-24', calls: 4 });
  });

  it('never reports a negative remainder', () => {
    expect(usageSeries(new Map([[today, 120]]), today, 100).remaining).toBe(0);
  });
});
