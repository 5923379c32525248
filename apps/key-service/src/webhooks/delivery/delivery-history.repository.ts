import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, Schema } from 'mongoose';
import { MONGO } from '@keygate/connections';
import { WebhookDelivery } from './webhook-delivery';

type HistoryDocument = Omit<WebhookDelivery, 'id' | 'createdAt'> & { _id: string; createdAt: Date };

const schema = new Schema<HistoryDocument>(
  {
    _id: String,
    accountId: String,
    endpointId: String,
    eventId: String,
    type: String,
    occurredAt: String,
    data: Schema.Types.Mixed,
    chain: String,
    seq: String,
    status: String,
    failure: { type: String, default: null },
    attempts: { type: Schema.Types.Mixed, default: () => [] },
    round: Number,
    nextAttemptAt: { type: String, default: null },
    createdAt: Date,
  },
  { collection: 'webhook_delivery_history', versionKey: false, minimize: false },
);
schema.index({ accountId: 1, endpointId: 1, seq: -1 });
schema.index({ createdAt: 1 });

const toDocument = ({ id, createdAt, ...rest }: WebhookDelivery): HistoryDocument => ({
  ...rest,
  _id: id,
  createdAt: new Date(createdAt),
});
const fromDocument = ({ _id, createdAt, ...rest }: HistoryDocument): WebhookDelivery => ({
  ...rest,
  id: _id,
  createdAt: createdAt.toISOString(),
});

/** Finished deliveries (delivered, or dead letters): the deliveries list and replay read them. */
@Injectable()
export class DeliveryHistory implements OnModuleInit {
  private readonly history: Model<HistoryDocument>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.history = connection.model<HistoryDocument>('WebhookDeliveryHistory', schema);
  }

  async onModuleInit(): Promise<void> {
    await this.history.createIndexes();
  }

  async record(delivery: WebhookDelivery): Promise<void> {
    // An insert, not an upsert: on FerretDB an upsert scans the collection, an insert does not.
    // The same delivery finished twice (a crash between history and queue) keeps the later.
    await this.history.collection.insertOne(toDocument(delivery) as never).catch(async (error) => {
      if ((error as { code?: number }).code !== 11000) throw error;
      await this.history.replaceOne({ _id: delivery.id }, toDocument(delivery));
    });
  }

  async one(accountId: string, endpointId: string, id: string): Promise<WebhookDelivery | null> {
    const doc = await this.history
      .findOne({ _id: id, accountId, endpointId })
      .lean<HistoryDocument>();
    return doc ? fromDocument(doc) : null;
  }

  async forget(id: string): Promise<void> {
    await this.history.deleteOne({ _id: id });
  }

  async ofEndpoint(
    accountId: string,
    endpointId: string,
    status: 'delivered' | 'failed' | undefined,
    limit: number,
  ): Promise<WebhookDelivery[]> {
    const docs = await this.history
      .find({ accountId, endpointId, ...(status && { status }) })
      .sort({ seq: -1 })
      .limit(limit)
      .lean<HistoryDocument[]>();
    return docs.map(fromDocument);
  }

  /** Forgets deliveries finished and created before `before`. */
  async prune(before: Date): Promise<number> {
    const { deletedCount } = await this.history.deleteMany({ createdAt: { $lt: before } });
    return deletedCount;
  }

  async removeOfEndpoint(accountId: string, endpointId: string): Promise<void> {
    await this.history.deleteMany({ accountId, endpointId });
  }
}
