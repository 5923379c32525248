import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, Types, mongo } from 'mongoose';
import { EventEnvelope } from '@keygate/contracts';
import { BULK_WRITE_CHUNK, MONGO, insertInChunks } from '@keygate/connections';
import { AppendRequest } from '../domain/aggregate-root';
import { newBatchId, newEventId, newOutboxEntryId, newWriterId } from '../shared/ids';
import {
  ConcurrencyError,
  EventPage,
  EventStore,
  ImportBatch,
  OutboxEntry,
} from './event-store.port';
import {
  IMPORT_BATCH_COLLECTION,
  ImportBatchDocument,
  OUTBOX_COLLECTION,
  OutboxEntryDocument,
  outboxEntrySchema,
  STORED_EVENT_COLLECTION,
  StoredEventDocument,
  importBatchSchema,
  storedEventSchema,
} from './stored-event.schema';

const DUPLICATE_KEY = 11000;
// FerretDB holds a PostgreSQL connection per document a write touches until the command ends:
// more than its pool (about 50) at once, beside other commands, waits forever.
const DELETE_CHUNK = BULK_WRITE_CHUNK;

function toEnvelope(doc: StoredEventDocument): EventEnvelope {
  return {
    eventId: doc.eventId,
    streamId: doc.streamId,
    version: doc.version,
    type: doc.type,
    schemaVersion: doc.schemaVersion,
    occurredAt: doc.occurredAt,
    actor: doc.actor as EventEnvelope['actor'],
    data: doc.data,
  };
}

function entryOf(doc: OutboxEntryDocument): OutboxEntry {
  return {
    entryId: doc._id,
    writer: doc.writer,
    streamId: doc.streamId,
    createdAt: doc.createdAt,
    events: doc.events.map(toEnvelope),
  };
}

@Injectable()
export class MongoEventStore implements EventStore, OnModuleInit {
  readonly writer = newWriterId();
  private readonly events: Model<StoredEventDocument>;
  private readonly batches: Model<ImportBatchDocument>;
  private readonly outbox: Model<OutboxEntryDocument>['collection'];
  private readonly appendListeners: Array<(entry: OutboxEntry) => void> = [];

  constructor(@Inject(MONGO) connection: Connection) {
    this.outbox = connection.model<OutboxEntryDocument>(
      OUTBOX_COLLECTION,
      outboxEntrySchema,
    ).collection;
    this.events = connection.model<StoredEventDocument>(STORED_EVENT_COLLECTION, storedEventSchema);
    this.batches = connection.model<ImportBatchDocument>(
      IMPORT_BATCH_COLLECTION,
      importBatchSchema,
    );
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.events.createIndexes(), this.batches.createIndexes()]);
  }

  async append(request: AppendRequest): Promise<EventEnvelope[]> {
    const docs: StoredEventDocument[] = request.events.map((event, i) => ({
      eventId: newEventId(),
      streamId: request.streamId,
      version: request.expectedVersion + i + 1,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt,
      actor: request.actor,
      data: event.data,
      accountId: request.accountId,
    }));
    const entry: OutboxEntryDocument = {
      _id: newOutboxEntryId(),
      writer: this.writer,
      streamId: request.streamId,
      createdAt: new Date().toISOString(),
      events: docs,
    };
    // The entry first: events stored without one would never be published. (It has its _id, so
    // the driver adds nothing to the object.)
    await this.outbox.insertOne(entry as never);
    // One insert per event: the unique (streamId, version) index is the concurrency check.
    for (const [i, doc] of docs.entries()) {
      try {
        await this.events.collection.insertOne({ ...doc });
      } catch (error) {
        if ((error as mongo.MongoServerError).code !== DUPLICATE_KEY) throw error; // entry checked later
        if (i === 0)
          await this.outbox.deleteOne({ _id: entry._id } as never).catch(() => undefined);
        throw new ConcurrencyError(request.streamId, doc.version - 1);
      }
    }
    const appended = entryOf(entry);
    for (const listener of this.appendListeners) listener(appended);
    return appended.events;
  }

  onAppended(listener: (entry: OutboxEntry) => void): void {
    this.appendListeners.push(listener);
  }

  async published(entryIds: string[]): Promise<void> {
    // In small commands, see DELETE_CHUNK.
    for (let start = 0; start < entryIds.length; start += DELETE_CHUNK)
      await this.outbox.deleteMany({
        _id: { $in: entryIds.slice(start, start + DELETE_CHUNK) },
      } as never);
  }

  async outboxEntries(): Promise<OutboxEntry[]> {
    const docs = await this.outbox.find({}).toArray();
    return (docs as unknown as OutboxEntryDocument[])
      .map(entryOf)
      .sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
  }

  async appendImportBatch(requests: AppendRequest[]): Promise<ImportBatch> {
    await this.discardUnfinishedBatches();
    const batchId = newBatchId();
    const docs: StoredEventDocument[] = requests.flatMap((request) =>
      request.events.map((event, i) => ({
        eventId: newEventId(),
        streamId: request.streamId,
        version: i + 1,
        type: event.type,
        schemaVersion: event.schemaVersion,
        occurredAt: event.occurredAt,
        actor: request.actor,
        data: event.data,
        accountId: request.accountId,
        batch: batchId, // the batch is these events' outbox entry
      })),
    );
    await this.batches.collection.insertOne({
      _id: batchId,
      accountId: requests[0]?.accountId ?? '',
      events: docs.length,
      state: 'writing',
      createdAt: new Date().toISOString(),
    } as never);
    await insertInChunks(docs, async (chunk) => {
      await this.events.collection.insertMany(
        chunk.map((doc) => ({ ...doc })),
        { ordered: true },
      );
    });
    await this.batches.collection.updateOne({ _id: batchId } as never, {
      $set: { state: 'ready' },
    });
    return { batchId, events: docs.map(toEnvelope) };
  }

  async readyImportBatches(): Promise<ImportBatch[]> {
    const ready = await this.batches
      .find({ state: 'ready' })
      .sort({ createdAt: 1 })
      .lean<ImportBatchDocument[]>();
    const batches = [];
    for (const batch of ready) {
      const docs = await this.events
        .find({ batch: batch._id })
        .sort({ _id: 1 })
        .lean<StoredEventDocument[]>();
      batches.push({ batchId: batch._id, events: docs.map(toEnvelope) });
    }
    return batches;
  }

  async markImportBatchPublished(batchId: string): Promise<void> {
    await this.batches.collection.updateOne({ _id: batchId } as never, {
      $set: { state: 'published' },
    });
  }

  /** A batch still `writing` was cut off (imports are serialised): its events never existed. */
  private async discardUnfinishedBatches(): Promise<void> {
    const unfinished = await this.batches.find({ state: 'writing' }).lean<ImportBatchDocument[]>();
    for (const batch of unfinished) {
      const ids = (
        await this.events
          .find({ batch: batch._id }, { _id: 1 })
          .lean<Array<{ _id: Types.ObjectId }>>()
      ).map((doc) => doc._id);
      // In small commands, see DELETE_CHUNK.
      for (let start = 0; start < ids.length; start += DELETE_CHUNK)
        await this.events.deleteMany({ _id: { $in: ids.slice(start, start + DELETE_CHUNK) } });
      await this.batches.deleteOne({ _id: batch._id });
    }
  }

  async readStream(streamId: string): Promise<EventEnvelope[]> {
    const docs = await this.events
      .find({ streamId })
      .sort({ version: 1 })
      .lean<StoredEventDocument[]>();
    return docs.map(toEnvelope);
  }

  async forEachStream(
    prefix: string,
    visit: (streamId: string, events: EventEnvelope[]) => Promise<void>,
  ): Promise<void> {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const cursor = this.events
      .find({ streamId: { $regex: `^${escaped}` } })
      .sort({ streamId: 1, version: 1 })
      .lean<StoredEventDocument>()
      .cursor();
    let current: string | null = null;
    let batch: EventEnvelope[] = [];
    for await (const doc of cursor) {
      if (doc.streamId !== current) {
        if (current !== null) await visit(current, batch);
        current = doc.streamId;
        batch = [];
      }
      batch.push(toEnvelope(doc));
    }
    if (current !== null) await visit(current, batch);
  }

  async accountEvents(accountId: string, limit: number, cursor: string | null): Promise<EventPage> {
    const filter: Record<string, unknown> = { accountId };
    if (cursor) filter._id = { $lt: new Types.ObjectId(cursor) };
    const docs = await this.events
      .find(filter)
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<Array<StoredEventDocument & { _id: Types.ObjectId }>>();
    const page = docs.slice(0, limit);
    return {
      events: page.map(toEnvelope),
      nextCursor: docs.length > limit ? page[page.length - 1]._id.toHexString() : null,
    };
  }
}
