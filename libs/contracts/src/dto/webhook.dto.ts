import { z } from 'zod';
import { actorSchema } from './actor.dto';

/** What a webhook endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'quota.threshold',
  'key.expiring',
  'key.unused',
  'key.created',
  'key.rotated',
  'key.revoked',
  'key.deleted',
  'key.leaked',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');

export const webhookUrlSchema = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .url('must be a URL')
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http or https URL')
  .refine((url) => !new URL(url).username && !new URL(url).password, 'must not hold credentials');

export const addWebhookSchema = z
  .object({
    accountId: idSchema,
    url: webhookUrlSchema,
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1, 'must name at least one event')
      .refine((events) => new Set(events).size === events.length, 'must not repeat an event'),
    description: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    actor: actorSchema.optional(),
  })
  .strict();
export type AddWebhookDto = z.infer<typeof addWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    accountId: idSchema,
    endpointId: idSchema,
    url: webhookUrlSchema.optional(),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1, 'must name at least one event')
      .refine((events) => new Set(events).size === events.length, 'must not repeat an event')
      .optional(),
    enabled: z.boolean().optional(),
    actor: actorSchema.optional(),
  })
  .strict()
  .refine((dto) => dto.url !== undefined || dto.events !== undefined || dto.enabled !== undefined, {
    message: 'must change at least one of url, events, enabled',
  });

export const webhookRefSchema = z
  .object({ accountId: idSchema, endpointId: idSchema, actor: actorSchema.optional() })
  .strict();

/** An endpoint as its account's admins see it: never its secret after it was shown once. */
export interface WebhookView {
  id: string;
  accountId: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  createdAt: string;
}

/** One try at sending a delivery: the endpoint's status (null: no answer, see `error`). */
export interface WebhookAttemptView {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * One event on its way to one endpoint: `pending` (due at `nextAttemptAt`), `delivered` (a 2xx),
 * or `failed` (the retries ran out, the endpoint answered 410 or was disabled: a dead letter,
 * which replay sends again).
 */
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  /** The `webhook-id` header: the same on every attempt, so a receiver can drop repeats. */
  messageId: string;
  eventId: string;
  type: WebhookEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttemptView[];
  nextAttemptAt: string | null;
  createdAt: string;
}

export const listDeliveriesSchema = z
  .object({
    accountId: idSchema,
    endpointId: idSchema,
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const deliveryRefSchema = z
  .object({
    accountId: idSchema,
    endpointId: idSchema,
    deliveryId: z.string().regex(/^dlv_[A-Za-z0-9_-]{1,128}$/, 'must be a delivery id'),
    actor: actorSchema.optional(),
  })
  .strict();

/** A new signing secret; the one it replaces still signs (a second signature) until `previousValidUntil`. */
export interface RotatedWebhookSecret {
  webhook: WebhookView;
  secret: string;
  previousValidUntil: string;
}
