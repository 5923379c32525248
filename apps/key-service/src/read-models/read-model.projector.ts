import { Injectable } from '@nestjs/common';
import { ACCOUNT_STREAM_PREFIX, EventEnvelope, KEY_STREAM_PREFIX } from '@keygate/contracts';
import { Account } from '../domain/account.aggregate';
import { ApiKey } from '../domain/api-key.aggregate';
import { EventSourcedRepository } from '../event-store/event-sourced.repository';
import { EventStore } from '../event-store/event-store.port';
import { ReadModels } from './read-models.repository';

/**
 * Brings the read models up to date with stored events by folding each touched stream from the
 * store: the live path and the rebuild use the same fold, so they cannot disagree.
 */
@Injectable()
export class ReadModelProjector {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly readModels: ReadModels,
  ) {}

  /**
   * A key stream whose events here start at version 1 is folded from them alone and its view
   * inserted in bulk (an import's thousands of keys cost no read each); any other stream is
   * folded from the store.
   */
  async project(events: EventEnvelope[]): Promise<void> {
    const byStream = new Map<string, EventEnvelope[]>();
    for (const event of events) {
      const list = byStream.get(event.streamId) ?? [];
      list.push(event);
      byStream.set(event.streamId, list);
    }
    const created: ApiKey[] = [];
    const others: Array<[string, number]> = [];
    for (const [streamId, list] of byStream) {
      if (streamId.startsWith(KEY_STREAM_PREFIX) && list[0].version === 1)
        created.push(new ApiKey().loadFromHistory(list));
      else others.push([streamId, list[list.length - 1].version]);
    }
    await this.readModels.insertNewKeys(created);
    await Promise.all(others.map(([streamId, version]) => this.projectStream(streamId, version)));
  }

  async rebuild(store: EventStore): Promise<{ accounts: number; keys: number }> {
    await this.readModels.dropAll();
    let accounts = 0;
    let keys = 0;
    await store.forEachStream(ACCOUNT_STREAM_PREFIX, async (_id, events) => {
      await this.readModels.writeAccount(new Account().loadFromHistory(events));
      accounts++;
    });
    await store.forEachStream(KEY_STREAM_PREFIX, async (_id, events) => {
      await this.readModels.writeKey(new ApiKey().loadFromHistory(events));
      keys++;
    });
    return { accounts, keys };
  }

  /** Folds the stream up to at least `version` (another writer's events: from the store). */
  private async projectStream(streamId: string, version: number): Promise<void> {
    if (streamId.startsWith(ACCOUNT_STREAM_PREFIX)) {
      await this.readModels.writeAccount(
        await this.repository.loadAtLeast(() => new Account(), streamId, version),
      );
    } else if (streamId.startsWith(KEY_STREAM_PREFIX)) {
      await this.readModels.writeKey(
        await this.repository.loadAtLeast(() => new ApiKey(), streamId, version),
      );
    }
  }
}
