import { EventEnvelope } from '@keygate/contracts';
import { RecentStreams } from './recent-streams';

const event = (streamId: string, version: number): EventEnvelope => ({
  eventId: `e${version}`,
  streamId,
  version,
  type: 'KeyUpdated',
  schemaVersion: 1,
  occurredAt: '2026-11-29T00:00:00.000Z',
  actor: { type: 'system' },
  data: {},
});

describe(RecentStreams.name, () => {
  it('extends a history only with appends that follow it, and starts new streams', () => {
    const recent = new RecentStreams();
    recent.appended('s', 0, [event('s', 1)]);
    expect(recent.get('s')?.map((e) => e.version)).toEqual([1]);
    recent.appended('s', 1, [event('s', 2), event('s', 3)]);
    expect(recent.get('s')?.map((e) => e.version)).toEqual([1, 2, 3]);
    // An append at a version this process did not hold: another writer was there, forget it.
    recent.appended('s', 5, [event('s', 6)]);
    expect(recent.get('s')).toBeUndefined();
    // A stream never read is not started by an append in its middle.
    recent.appended('t', 2, [event('t', 3)]);
    expect(recent.get('t')).toBeUndefined();
  });

  it('forgets on request and keeps what was remembered', () => {
    const recent = new RecentStreams();
    const history = recent.remember('s', [event('s', 1)]);
    expect(recent.get('s')).toBe(history);
    recent.forget('s');
    expect(recent.get('s')).toBeUndefined();
  });
});
