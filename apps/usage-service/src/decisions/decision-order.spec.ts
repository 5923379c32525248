import {
  DecisionPlace,
  compareDecisions,
  cursorOf,
  decisionIdOf,
  decisionIdsBefore,
  placeOfCursor,
} from './decision-order';

describe('decision order', () => {
  it('stores refusals so they sort by when they were refused, then as the stream does', () => {
    const at = 1700000000000;
    expect(decisionIdOf('1700000000005-10', at) > decisionIdOf('1700000000005-9', at)).toBe(true);
    // A gateway that flushed later refused earlier: its record sorts first.
    expect(decisionIdOf('1700000000009-0', at) < decisionIdOf('1700000000005-0', at + 1)).toBe(
      true,
    );
    expect(decisionIdsBefore(at + 1) > decisionIdOf('1700000000009-99', at)).toBe(true);
    expect(decisionIdsBefore(at + 1) < decisionIdOf('1700000000000-0', at + 1)).toBe(true);
  });

  it('puts newer first, a refusal before the minute that starts in its millisecond', () => {
    const refusal = (time: number, seq: number): DecisionPlace => ({
      kind: 'refused',
      time,
      id: decisionIdOf(`${time + 7}-${seq}`, time),
    });
    const minute = (time: number, label: string): DecisionPlace => ({
      kind: 'admitted',
      time,
      label,
    });
    const places = [
      minute(60_000, 'blogpost|read'),
      refusal(60_000, 0),
      refusal(120_000, 1),
      minute(60_000, 'product|read'),
      refusal(120_000, 12),
    ];
    expect(places.sort(compareDecisions)).toEqual([
      refusal(120_000, 12),
      refusal(120_000, 1),
      refusal(60_000, 0),
      minute(60_000, 'product|read'),
      minute(60_000, 'blogpost|read'),
    ]);
  });

  it('reads back the cursor it writes, and nothing else', () => {
    const refused: DecisionPlace = { kind: 'refused', time: 5, id: decisionIdOf('9-3', 5) };
    const admitted: DecisionPlace = { kind: 'admitted', time: 60_000, label: '@search|read' };
    expect(placeOfCursor(cursorOf(refused))).toEqual(refused);
    expect(placeOfCursor(cursorOf(admitted))).toEqual(admitted);
    expect(placeOfCursor('r.5-3')).toBeNull();
    expect(placeOfCursor('a.60000.nolabel')).toBeNull();
  });
});
