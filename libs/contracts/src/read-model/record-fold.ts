import { AccountRecord } from '../dto/snapshot.dto';
import { AccountOpenedData, AccountPlanChangedData } from '../events/account-events';
import { EventEnvelope } from '../events/event-envelope';

/**
 * One event applied to the record of its stream. Streams are applied strictly in version order:
 * an older or repeated version is `stale`, a skipped one (or an event for a record that does not
 * exist) a `gap` the caller repairs. `record` null: the event deleted it.
 */
export type Folded<T> = { outcome: 'applied'; record: T | null } | { outcome: 'stale' | 'gap' };

/** `stale` or `gap` when the event is not the next of its stream, null when it is. */
export function order(currentVersion: number, event: EventEnvelope): Folded<never> | null {
  if (event.version <= currentVersion) return { outcome: 'stale' };
  if (event.version > currentVersion + 1) return { outcome: 'gap' };
  return null;
}

/** An account's record after one event of its stream (its plan and name; other events bump it). */
export function foldAccountEvent(
  current: AccountRecord | undefined,
  event: EventEnvelope,
  accountId: string,
): Folded<AccountRecord> {
  const unordered = order(current?.version ?? 0, event);
  if (unordered) return unordered;
  if (event.type === 'AccountOpened') {
    const data = event.data as AccountOpenedData;
    return {
      outcome: 'applied',
      record: { id: accountId, name: data.name, plan: data.plan, version: event.version },
    };
  }
  if (!current) return { outcome: 'gap' };
  const plan =
    event.type === 'AccountPlanChanged' ? (event.data as AccountPlanChangedData).to : current.plan;
  return { outcome: 'applied', record: { ...current, plan, version: event.version } };
}
