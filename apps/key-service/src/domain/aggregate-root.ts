import { Actor, EventEnvelope } from '@keygate/contracts';

/** An event an aggregate has applied but that is not stored yet. */
export interface PendingEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  occurredAt: string;
}

/** One event of an aggregate's union: its wire type and its data. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

/**
 * What every event of the union does to the aggregate, by type: an event type without its
 * handler does not compile.
 */
export type EventHandlers<A, E extends DomainEvent> = {
  [K in E as K['type']]: (aggregate: A, data: K['data'], occurredAt: string) => void;
};

/**
 * State is only ever changed by applying events, each through its handler in the aggregate's
 * exhaustive map (`handlers`); intent methods check the rules and then apply. `version` is the
 * number of stored events folded in.
 */
export abstract class AggregateRoot<E extends DomainEvent> {
  private _version = 0;
  private pending: PendingEvent[] = [];

  abstract get streamId(): string;

  /** Every event type of E, handled. */
  protected abstract readonly handlers: EventHandlers<this, E>;

  get version(): number {
    return this._version;
  }

  /** The version the store must still have for the pending events to be appended. */
  get expectedVersion(): number {
    return this._version - this.pending.length;
  }

  loadFromHistory(events: EventEnvelope[]): this {
    for (const event of events) {
      this.dispatch(event.type, event.data, event.occurredAt);
      this._version = event.version;
    }
    return this;
  }

  protected apply<T extends E['type']>(
    type: T,
    data: Extract<E, { type: T }>['data'],
    occurredAt: Date,
    schemaVersion = 1,
  ): void {
    const at = occurredAt.toISOString();
    this.dispatch(type, data, at);
    this.pending.push({ type, schemaVersion, data, occurredAt: at });
    this._version += 1;
  }

  takePendingEvents(): PendingEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  /** A stored event of a type this aggregate does not know is a bug in the store: refused. */
  private dispatch(type: string, data: unknown, occurredAt: string): void {
    const handler = (
      this.handlers as Record<
        string,
        ((aggregate: this, data: unknown, at: string) => void) | undefined
      >
    )[type];
    if (!handler) throw new Error(`${this.constructor.name} has no handler for ${type}`);
    handler(this, data, occurredAt);
  }
}

/** What the repository needs of any aggregate, whatever its events: to load it and save it. */
export interface AnyAggregate {
  readonly streamId: string;
  readonly version: number;
  readonly expectedVersion: number;
  loadFromHistory(events: EventEnvelope[]): this;
  takePendingEvents(): PendingEvent[];
}

export interface AppendRequest {
  streamId: string;
  expectedVersion: number;
  accountId: string;
  actor: Actor;
  events: PendingEvent[];
}
