import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, Schema } from 'mongoose';
import { MONGO } from '@keygate/connections';
import { NotFoundError, WebhookEventType, WebhookView } from '@keygate/contracts';

/**
 * A webhook endpoint of an account, with the secret that signs its deliveries (Standard Webhooks
 * `whsec_…`): kept here, whole, because signing needs it; never in an event or a view.
 */
export interface WebhookEndpointDocument {
  _id: string;
  accountId: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  secret: string;
  /** The secret a rotation replaced: it signs too (a second signature) until then. */
  previousSecret?: string | null;
  previousSecretValidUntil?: Date | null;
  createdAt: Date;
}

/** The secrets that sign an endpoint's deliveries now: its own, and a replaced one still in grace. */
export const signingSecretsOf = (endpoint: WebhookEndpointDocument, now: Date): string[] =>
  endpoint.previousSecret &&
  endpoint.previousSecretValidUntil &&
  endpoint.previousSecretValidUntil.getTime() > now.getTime()
    ? [endpoint.secret, endpoint.previousSecret]
    : [endpoint.secret];

const schema = new Schema<WebhookEndpointDocument>(
  {
    _id: String,
    accountId: String,
    url: String,
    events: [String],
    description: { type: String, default: null },
    enabled: Boolean,
    secret: String,
    previousSecret: { type: String, default: null },
    previousSecretValidUntil: { type: Date, default: null },
    createdAt: Date,
  },
  { collection: 'webhook_endpoints', versionKey: false },
);
schema.index({ accountId: 1, createdAt: 1 });

export const viewOf = (doc: WebhookEndpointDocument): WebhookView => ({
  id: doc._id,
  accountId: doc.accountId,
  url: doc.url,
  events: doc.events,
  description: doc.description,
  enabled: doc.enabled,
  createdAt: doc.createdAt.toISOString(),
});

/** How long delivery reads an account's endpoints from memory (another key service's change shows after this). */
const DELIVERY_VIEW_MS = 1000;

@Injectable()
export class WebhookEndpointsRepository implements OnModuleInit {
  private readonly endpoints: Model<WebhookEndpointDocument>;
  // Delivery reads an account's endpoints for every event and attempt; this process's own
  // changes drop its entry at once.
  private readonly forDelivery = new Map<
    string,
    { until: number; endpoints: Promise<WebhookEndpointDocument[]> }
  >();

  constructor(@Inject(MONGO) connection: Connection) {
    this.endpoints = connection.model<WebhookEndpointDocument>('WebhookEndpoint', schema);
  }

  async onModuleInit(): Promise<void> {
    await this.endpoints.createIndexes();
  }

  async insert(endpoint: WebhookEndpointDocument): Promise<void> {
    await this.changed(endpoint.accountId, this.endpoints.create(endpoint));
  }

  /** A write to an account's endpoints: delivery reads them afresh once it is done. */
  private async changed<T>(accountId: string, write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.forDelivery.delete(accountId);
    }
  }

  /** The account's endpoints as delivery sees them: read at most once a second. */
  async deliveryView(accountId: string): Promise<WebhookEndpointDocument[]> {
    const now = Date.now();
    let entry = this.forDelivery.get(accountId);
    if (!entry || entry.until <= now) {
      if (this.forDelivery.size > 10_000) this.forDelivery.clear();
      entry = { until: now + DELIVERY_VIEW_MS, endpoints: this.ofAccount(accountId) };
      entry.endpoints.catch(() => this.forDelivery.delete(accountId));
      this.forDelivery.set(accountId, entry);
    }
    return entry.endpoints;
  }

  async update(
    accountId: string,
    endpointId: string,
    change: Partial<Pick<WebhookEndpointDocument, 'url' | 'events' | 'enabled'>>,
  ): Promise<WebhookEndpointDocument | null> {
    return this.changed(
      accountId,
      this.endpoints
        .findOneAndUpdate({ _id: endpointId, accountId }, { $set: change }, { new: true })
        .lean<WebhookEndpointDocument>(),
    );
  }

  /** The enabled endpoints of an account that subscribed to `type` (delivery's view). */
  async subscribed(accountId: string, type: WebhookEventType): Promise<WebhookEndpointDocument[]> {
    return (await this.deliveryView(accountId)).filter(
      (endpoint) => endpoint.enabled && endpoint.events.includes(type),
    );
  }

  /** One endpoint as delivery sees it. */
  async forAttempt(accountId: string, endpointId: string): Promise<WebhookEndpointDocument | null> {
    return (await this.deliveryView(accountId)).find((e) => e._id === endpointId) ?? null;
  }

  /** The endpoint as read gets `secret`; null if it was removed or rotated meanwhile. */
  async rotateSecret(
    endpoint: WebhookEndpointDocument,
    secret: string,
    previousValidUntil: Date,
  ): Promise<WebhookEndpointDocument | null> {
    const { _id, accountId } = endpoint;
    return this.changed(
      accountId,
      this.endpoints
        .findOneAndUpdate(
          { _id, accountId, secret: endpoint.secret },
          {
            $set: {
              secret,
              previousSecret: endpoint.secret,
              previousSecretValidUntil: previousValidUntil,
            },
          },
          { new: true },
        )
        .lean<WebhookEndpointDocument>(),
    );
  }

  async remove(accountId: string, endpointId: string): Promise<boolean> {
    const { deletedCount } = await this.changed(
      accountId,
      this.endpoints.deleteOne({ _id: endpointId, accountId }),
    );
    return deletedCount === 1;
  }

  async ofAccount(accountId: string): Promise<WebhookEndpointDocument[]> {
    return this.endpoints
      .find({ accountId })
      .sort({ createdAt: 1 })
      .lean<WebhookEndpointDocument[]>();
  }

  /** The account's endpoint, or 404 (another account's endpoint is not found either). */
  async existing(accountId: string, endpointId: string): Promise<WebhookEndpointDocument> {
    const endpoint = await this.one(accountId, endpointId);
    if (!endpoint) throw new NotFoundError('Webhook endpoint', endpointId);
    return endpoint;
  }

  async one(accountId: string, endpointId: string): Promise<WebhookEndpointDocument | null> {
    return this.endpoints.findOne({ _id: endpointId, accountId }).lean<WebhookEndpointDocument>();
  }
}
