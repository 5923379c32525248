import { EventEnvelope } from '@keygate/contracts';
import { inStreamOrder } from './outbox-relay';

const event = (eventId: string, streamId: string, version: number) =>
  ({ eventId, streamId, version }) as EventEnvelope;

describe(inStreamOrder.name, () => {
  it('keeps the given order across streams', () => {
    const events = [event('1', 'a', 1), event('2', 'b', 1), event('3', 'a', 2)];
    expect(inStreamOrder(events).map((e) => e.eventId)).toEqual(['1', '2', '3']);
  });

  it('puts a stream back in version order when appends interleaved', () => {
    const events = [event('1', 'a', 3), event('2', 'b', 1), event('3', 'a', 2)];
    expect(inStreamOrder(events).map((e) => `${e.streamId}${e.version}`)).toEqual([
      'a2',
      'b1',
      'a3',
    ]);
  });
});
