import { z } from 'zod';
import { actorSchema } from './actor.dto';

/** What a webhook endpoint may subscribe to (issue 20 delivers `webhook.test` so far). */
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

/** What sending to an endpoint needs: where, and the secret that signs (internal RPC only). */
export interface WebhookSigning {
  url: string;
  secret: string;
}
