/** Who caused an event: a panel user, an operator, or Keygate itself (expiry, repairs). */
export interface Actor {
  type: 'user' | 'operator' | 'system';
  id?: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system' };

/**
 * One stored event, exactly as it is kept in the event store and published on the Redis
 * stream. `version` is the event's position in its own stream (1, 2, ...).
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  eventId: string;
  streamId: string;
  version: number;
  type: TType;
  schemaVersion: number;
  occurredAt: string;
  actor: Actor;
  data: TData;
}

export const ACCOUNT_STREAM_PREFIX = 'account-';
export const KEY_STREAM_PREFIX = 'key-';

export const accountStreamId = (accountId: string): string =>
  `${ACCOUNT_STREAM_PREFIX}${accountId}`;
export const keyStreamId = (keyId: string): string => `${KEY_STREAM_PREFIX}${keyId}`;

/** The Redis stream every event is published to, in order per aggregate stream. */
export const DEFAULT_EVENT_STREAM = 'keygate:events';
/** Field of a Redis stream entry that holds the JSON envelope. */
export const EVENT_STREAM_FIELD = 'event';

/** A page of an account's audit trail, newest first; pass `nextCursor` back for the next page. */
export interface EventPage {
  events: EventEnvelope[];
  nextCursor: string | null;
}
