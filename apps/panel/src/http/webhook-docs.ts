import { OpenAPIObject } from '@nestjs/swagger';
import { WEBHOOK_EVENT_DOCS, WEBHOOK_EVENT_TYPES } from '@keygate/contracts';

type JsonSchema = Record<string, unknown>;

/** A schema read off an example value: the fields a receiver can count on, with their types. */
function schemaOf(value: unknown): JsonSchema {
  if (value === null) return { nullable: true };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'string')
    return /^\d{4}-\d\d-\d\dT/.test(value)
      ? { type: 'string', format: 'date-time' }
      : { type: 'string' };
  if (typeof value === 'object')
    return {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(value as object).map(([name, field]) => [name, schemaOf(field)]),
      ),
    };
  return { type: typeof value };
}

const operationIdOf = (type: string) =>
  `webhook${type
    .split('.')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')}`;

/**
 * The events Keygate sends to webhook endpoints, as `x-webhooks` (OpenAPI 3.0's spelling of
 * 3.1's `webhooks`, which Redoc and Redocly read): each a POST with the Standard Webhooks headers
 * and its body `{type, timestamp, data}` with an example.
 */
export function addWebhookEvents(document: OpenAPIObject): void {
  const headers = [
    ['webhook-id', 'The message id: the same on every retry (drop repeats by it)'],
    ['webhook-timestamp', 'Unix seconds when this attempt was signed'],
    [
      'webhook-signature',
      '`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, one per signing secret, space separated',
    ],
  ].map(([name, description]) => ({
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string' },
  }));
  (document as unknown as Record<string, unknown>)['x-webhooks'] = Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const { summary, example } = WEBHOOK_EVENT_DOCS[type];
      const body = { type, timestamp: '2026-12-06T15:22:47.114Z', data: example };
      return [
        type,
        {
          post: {
            operationId: operationIdOf(type),
            summary,
            tags: ['Webhooks'],
            parameters: headers,
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: {
                    ...schemaOf(body),
                    properties: {
                      type: { type: 'string', enum: [type] },
                      timestamp: { type: 'string', format: 'date-time' },
                      data: schemaOf(example),
                    },
                    required: ['type', 'timestamp', 'data'],
                  },
                  example: body,
                },
              },
            },
            responses: {
              '200': { description: 'Any 2xx: delivered' },
              '410': { description: 'Gone: Keygate disables the endpoint' },
            },
            security: [],
          },
        },
      ];
    }),
  );
  document.tags = [
    ...(document.tags ?? []),
    {
      name: 'Webhooks',
      description:
        'What Keygate sends to an account’s webhook endpoints (Standard Webhooks); anything but a 2xx is retried per WEBHOOK_RETRY_SCHEDULE',
    },
  ];
}
