import { WebhookAttemptView, WebhookDeliveryView, WebhookEventType } from '@keygate/contracts';
import { Notice } from './webhook-notices';

export type DeliveryStatus = WebhookDeliveryView['status'];

/** One notice on its way to one endpoint, with every attempt made so far (JSON all through). */
export interface WebhookDelivery {
  id: string;
  accountId: string;
  endpointId: string;
  eventId: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
  /** Endpoint and subject: a chain's deliveries go one at a time, in `seq` (stream) order. */
  chain: string;
  seq: string;
  status: DeliveryStatus;
  failure: string | null;
  attempts: WebhookAttemptView[];
  /** Attempts since it was queued or last replayed: what the retry schedule counts. */
  round: number;
  nextAttemptAt: string | null;
  createdAt: string;
}

/** A delivery's id: the same for the same event and endpoint, so queueing twice is a no-op. */
export const deliveryIdOf = (eventId: string, endpointId: string): string =>
  `dlv_${endpointId}_${eventId}`.replace(/[^A-Za-z0-9_-]/g, '-');

/** The `webhook-id` of a notice: one per event, the same on each endpoint and every retry. */
export const messageIdOf = (eventId: string): string =>
  `msg_${eventId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function newDelivery(
  notice: Notice,
  endpointId: string,
  seq: string,
  now: Date,
): WebhookDelivery {
  return {
    id: deliveryIdOf(notice.eventId, endpointId),
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
    nextAttemptAt: now.toISOString(),
    createdAt: now.toISOString(),
  };
}

export const deliveryViewOf = (delivery: WebhookDelivery): WebhookDeliveryView => ({
  id: delivery.id,
  endpointId: delivery.endpointId,
  messageId: messageIdOf(delivery.eventId),
  eventId: delivery.eventId,
  type: delivery.type,
  status: delivery.status,
  attempts: delivery.attempts,
  nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
  createdAt: delivery.createdAt,
});
