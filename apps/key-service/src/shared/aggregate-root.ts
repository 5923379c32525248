import { Actor, EventEnvelope } from '@keygate/contracts';

/** An event an aggregate has applied but that is not stored yet. */
export interface PendingEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  occurredAt: string;
}

type Handler = (data: never, occurredAt: string) => void;

/**
 * State is only ever changed by applying events through `on<Type>` methods; intent methods
 * check the rules and then apply. `version` is the number of stored events folded in.
 */
export abstract class AggregateRoot {
  private _version = 0;
  private pending: PendingEvent[] = [];

  abstract get streamId(): string;

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

  protected apply(type: string, data: unknown, occurredAt: Date, schemaVersion = 1): void {
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

  /** Applies one event to the state; by default its `on<Type>` method. */
  protected dispatch(type: string, data: unknown, occurredAt: string): void {
    const handler = (this as unknown as Record<string, Handler | undefined>)[`on${type}`];
    if (typeof handler !== 'function')
      throw new Error(`${this.constructor.name} has no handler for ${type}`);
    handler.call(this, data as never, occurredAt);
  }
}

export interface AppendRequest {
  streamId: string;
  expectedVersion: number;
  accountId: string;
  actor: Actor;
  events: PendingEvent[];
}
