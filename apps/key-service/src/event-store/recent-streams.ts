import { EventEnvelope } from '@keygate/contracts';

const STREAMS_KEPT = 10_000;

/**
 * The histories of the streams this process wrote or read last, so the next command on one of
 * them folds it from memory instead of reading the store (on FerretDB a read costs as much as a
 * write). A history is only ever extended by this process's own successful appends; a stream
 * another writer moved on is caught by the append's expected version (a ConcurrencyError), and
 * forgotten before the retry reads it again.
 */
export class RecentStreams {
  private readonly histories = new Map<string, EventEnvelope[]>();

  get(streamId: string): EventEnvelope[] | undefined {
    const history = this.histories.get(streamId);
    if (history) {
      this.histories.delete(streamId); // most recently used last
      this.histories.set(streamId, history);
    }
    return history;
  }

  remember(streamId: string, history: EventEnvelope[]): EventEnvelope[] {
    this.histories.delete(streamId);
    this.histories.set(streamId, history);
    if (this.histories.size > STREAMS_KEPT) {
      const oldest = this.histories.keys().next().value;
      if (oldest !== undefined) this.histories.delete(oldest);
    }
    return history;
  }

  /** After an append at `expectedVersion`: extended when we held the history up to there. */
  appended(streamId: string, expectedVersion: number, events: EventEnvelope[]): void {
    const history = this.histories.get(streamId) ?? (expectedVersion === 0 ? [] : undefined);
    if (history && history.length === expectedVersion)
      this.remember(streamId, [...history, ...events]);
    else this.forget(streamId);
  }

  forget(streamId: string): void {
    this.histories.delete(streamId);
  }
}
