import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, Schema } from 'mongoose';
import { MONGO } from '@keygate/connections';
import { WebhookAttemptView, WebhookDeliveryView, WebhookEventType } from '@keygate/contracts';
import { AttemptOutcome } from '@keygate/webhooks';
import { Notice } from './webhook-notices';

export type DeliveryStatus = WebhookDeliveryView['status'];

/** One notice on its way to one endpoint, with every attempt made so far. */
export interface WebhookDeliveryDocument {
  _id: string;
  accountId: string;
  endpointId: string;
  eventId: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
  chain: string;
  seq: string;
  status: DeliveryStatus;
  failure: string | null;
  attempts: WebhookAttemptView[];
  /** Attempts since it was queued or last replayed: what the retry schedule counts. */
  round: number;
  nextAttemptAt: Date | null;
  /** An attempt under way until then (a worker that dies mid-attempt lets it go at this time). */
  lockedUntil: Date;
  createdAt: Date;
}

const schema = new Schema<WebhookDeliveryDocument>(
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
    nextAttemptAt: { type: Date, default: null },
    lockedUntil: Date,
    createdAt: Date,
  },
  { collection: 'webhook_deliveries', versionKey: false, minimize: false },
);
schema.index({ status: 1, nextAttemptAt: 1 });
schema.index({ status: 1, chain: 1, seq: 1 });
schema.index({ accountId: 1, endpointId: 1, seq: -1 });

/** A delivery's id: the same for the same event and endpoint, so queueing twice is a no-op. */
export const deliveryIdOf = (eventId: string, endpointId: string): string =>
  `dlv_${endpointId}_${eventId}`.replace(/[^A-Za-z0-9_-]/g, '-');

/** The `webhook-id` of a notice: one per event, the same on each endpoint and every retry. */
export const messageIdOf = (eventId: string): string =>
  `msg_${eventId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export const deliveryViewOf = (doc: WebhookDeliveryDocument): WebhookDeliveryView => ({
  id: doc._id,
  endpointId: doc.endpointId,
  messageId: messageIdOf(doc.eventId),
  eventId: doc.eventId,
  type: doc.type,
  status: doc.status,
  attempts: doc.attempts,
  nextAttemptAt:
    doc.status === 'pending' && doc.nextAttemptAt ? doc.nextAttemptAt.toISOString() : null,
  createdAt: doc.createdAt.toISOString(),
});

const NEVER = new Date(0);

@Injectable()
export class WebhookDeliveriesRepository implements OnModuleInit {
  private readonly deliveries: Model<WebhookDeliveryDocument>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.deliveries = connection.model<WebhookDeliveryDocument>('WebhookDelivery', schema);
  }

  async onModuleInit(): Promise<void> {
    await this.deliveries.createIndexes();
  }

  /** Queues the notice for each endpoint; a notice queued before (a re-read entry) stays as it is. */
  async queue(notice: Notice, endpointIds: string[], seq: string, now: Date): Promise<void> {
    for (const endpointId of endpointIds)
      await this.deliveries.updateOne(
        { _id: deliveryIdOf(notice.eventId, endpointId) },
        {
          $setOnInsert: {
            accountId: notice.accountId,
            endpointId,
            eventId: notice.eventId,
            type: notice.type,
            occurredAt: notice.occurredAt,
            data: notice.data,
            chain: `${endpointId}|${notice.subject}`,
            seq,
            status: 'pending',
            failure: null,
            attempts: [],
            round: 0,
            nextAttemptAt: now,
            lockedUntil: NEVER,
            createdAt: now,
          },
        },
        { upsert: true },
      );
  }

  /** Every unfinished delivery of the chains that have one due now (oldest first, bounded). */
  async pendingOfDueChains(now: Date, limit: number): Promise<WebhookDeliveryDocument[]> {
    const due = await this.deliveries
      .find({ status: 'pending', nextAttemptAt: { $lte: now }, lockedUntil: { $lte: now } })
      .sort({ seq: 1 })
      .limit(limit)
      .lean<WebhookDeliveryDocument[]>();
    if (due.length === 0) return [];
    const chains = [...new Set(due.map((delivery) => delivery.chain))];
    return this.deliveries
      .find({ status: 'pending', chain: { $in: chains } })
      .lean<WebhookDeliveryDocument[]>();
  }

  /** Takes a due delivery for one attempt; false when another worker took it first. */
  async claim(id: string, now: Date, until: Date): Promise<boolean> {
    const { modifiedCount } = await this.deliveries.updateOne(
      { _id: id, status: 'pending', lockedUntil: { $lte: now } },
      { $set: { lockedUntil: until } },
    );
    return modifiedCount === 1;
  }

  async one(id: string): Promise<WebhookDeliveryDocument | null> {
    return this.deliveries.findById(id).lean<WebhookDeliveryDocument>();
  }

  async recordAttempt(
    id: string,
    at: Date,
    outcome: AttemptOutcome,
    next: { status: DeliveryStatus; nextAttemptAt: Date | null; failure: string | null },
  ): Promise<WebhookDeliveryDocument | null> {
    const attempt: WebhookAttemptView = {
      at: at.toISOString(),
      status: outcome.status,
      error: outcome.error,
      durationMs: outcome.durationMs,
    };
    return this.deliveries
      .findOneAndUpdate(
        { _id: id },
        {
          $push: { attempts: attempt },
          $inc: { round: 1 },
          $set: { ...next, lockedUntil: NEVER },
        },
        { new: true },
      )
      .lean<WebhookDeliveryDocument>();
  }

  /** A delivery that will not be attempted (its endpoint is gone or disabled): a dead letter. */
  async fail(id: string, failure: string): Promise<void> {
    await this.deliveries.updateOne(
      { _id: id },
      { $set: { status: 'failed', failure, nextAttemptAt: null, lockedUntil: NEVER } },
    );
  }

  /** Sends it again from the start of the retry schedule (its attempts so far are kept). */
  async replay(accountId: string, endpointId: string, id: string, now: Date) {
    return this.deliveries
      .findOneAndUpdate(
        { _id: id, accountId, endpointId },
        {
          $set: {
            status: 'pending',
            failure: null,
            round: 0,
            nextAttemptAt: now,
            lockedUntil: NEVER,
          },
        },
        { new: true },
      )
      .lean<WebhookDeliveryDocument>();
  }

  async ofEndpoint(
    accountId: string,
    endpointId: string,
    status: DeliveryStatus | undefined,
    limit: number,
  ): Promise<WebhookDeliveryDocument[]> {
    return this.deliveries
      .find({ accountId, endpointId, ...(status && { status }) })
      .sort({ seq: -1 })
      .limit(limit)
      .lean<WebhookDeliveryDocument[]>();
  }

  /** Forgets finished deliveries created before `before` (the pending ones stay). */
  async pruneFinished(before: Date): Promise<number> {
    const { deletedCount } = await this.deliveries.deleteMany({
      status: { $ne: 'pending' },
      createdAt: { $lt: before },
    });
    return deletedCount;
  }

  async removeOfEndpoint(accountId: string, endpointId: string): Promise<void> {
    await this.deliveries.deleteMany({ accountId, endpointId });
  }
}
