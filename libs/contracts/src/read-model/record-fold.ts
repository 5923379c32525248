import { AccountRecord } from '../dto/snapshot.dto';
import { AccountEvent } from '../events/account-events';
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
  envelope: EventEnvelope,
  accountId: string,
): Folded<AccountRecord> {
  const unordered = order(current?.version ?? 0, envelope);
  if (unordered) return unordered;
  const event = envelope as AccountEvent;
  if (event.type === 'AccountOpened') {
    const { name, plan } = event.data;
    return { outcome: 'applied', record: { id: accountId, name, plan, version: event.version } };
  }
  if (!current) return { outcome: 'gap' };
  const next: AccountRecord = { ...current, version: event.version };
  switch (event.type) {
    case 'AccountPlanChanged':
      next.plan = event.data.to;
      return { outcome: 'applied', record: next };
    case 'AccountTwoFactorRequirementChanged':
    case 'PanelUserAdded':
    case 'PanelUserRoleChanged':
    case 'PanelUserRemoved':
    case 'PanelUserPasswordChanged':
    case 'PanelUserPasswordResetIssued':
    case 'PanelUserTwoFactorChanged':
    case 'WebhookEndpointAdded':
    case 'WebhookEndpointRemoved':
    case 'WebhookEndpointChanged':
      return { outcome: 'applied', record: next };
    default:
      return unknownAccountEvent(event);
  }
}

/** Compiles only while every AccountEvent type has its case above; at run time, a gap to repair. */
function unknownAccountEvent(_event: never): Folded<AccountRecord> {
  return { outcome: 'gap' };
}
