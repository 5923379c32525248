import { EventEnvelope } from '../events/event-envelope';
import { foldAccountEvent } from './record-fold';

const event = (version: number, type: string, data: unknown): EventEnvelope =>
  ({
    eventId: `e${version}`,
    streamId: 'account-a1',
    version,
    type,
    schemaVersion: 1,
    occurredAt: '2026-12-06T00:00:00.000Z',
    actor: { type: 'system' },
    data,
  }) as EventEnvelope;

describe(foldAccountEvent.name, () => {
  const opened = foldAccountEvent(
    undefined,
    event(1, 'AccountOpened', { accountId: 'a1', name: 'Acme', plan: 'starter' }),
    'a1',
  );
  const record = opened.outcome === 'applied' ? opened.record! : undefined;

  it('opens the record, moves its plan, and bumps it for panel-user events', () => {
    expect(record).toEqual({ id: 'a1', name: 'Acme', plan: 'starter', version: 1 });
    expect(
      foldAccountEvent(
        record,
        event(2, 'AccountPlanChanged', { from: 'starter', to: 'pro' }),
        'a1',
      ),
    ).toEqual({ outcome: 'applied', record: { ...record, plan: 'pro', version: 2 } });
    expect(foldAccountEvent(record, event(2, 'PanelUserAdded', {}), 'a1')).toEqual({
      outcome: 'applied',
      record: { ...record, version: 2 },
    });
  });

  it('takes an event type it does not know as a gap to repair, never a silent version bump', () => {
    expect(foldAccountEvent(record, event(2, 'AccountRenamedInTheFuture', {}), 'a1')).toEqual({
      outcome: 'gap',
    });
  });

  it('tells stale and skipped versions apart, and needs the account to exist', () => {
    expect(foldAccountEvent(record, event(1, 'PanelUserAdded', {}), 'a1')).toEqual({
      outcome: 'stale',
    });
    expect(foldAccountEvent(record, event(3, 'PanelUserAdded', {}), 'a1')).toEqual({
      outcome: 'gap',
    });
    expect(foldAccountEvent(undefined, event(1, 'PanelUserAdded', {}), 'a1')).toEqual({
      outcome: 'gap',
    });
  });
});
