import { Inject, Injectable } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { WebhookEventType } from '@keygate/contracts';
import { CheckedTarget, WebhookTarget } from './webhook-target';

/** One attempt to deliver: what the endpoint answered, or why there was no answer. */
export interface DeliveryAttempt {
  messageId: string;
  type: WebhookEventType;
  status: number | null;
  error: string | null;
  durationMs: number;
  at: string;
}

type PinnedDone = (
  error: Error | null,
  address: string | Array<{ address: string; family: number }>,
  family?: number,
) => void;

/** What is read of an endpoint's answer, at most. */
const ANSWER_BYTES = 4096;

/**
 * Sends one event to an endpoint as Standard Webhooks has it: body `{type, timestamp, data}`,
 * headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (signed with the
 * `standardwebhooks` package, which receivers use to verify). The target is checked first
 * (WebhookTarget), redirects are not followed, the answer is read to 4 KB at most, and the
 * attempt ends after WEBHOOK_TIMEOUT_MS.
 */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly target: WebhookTarget,
    @Inject(KEYGATE_CONFIG) private readonly config: Pick<PanelConfig, 'webhooks'>,
  ) {}

  async send(
    endpoint: { url: string; secret: string },
    type: WebhookEventType,
    data: Record<string, unknown>,
  ): Promise<DeliveryAttempt> {
    const messageId = `msg_${randomUUID()}`;
    const at = new Date();
    const body = JSON.stringify({ type, timestamp: at.toISOString(), data });
    const started = Date.now();
    const attempt = (status: number | null, error: string | null): DeliveryAttempt => ({
      messageId,
      type,
      status,
      error,
      durationMs: Date.now() - started,
      at: at.toISOString(),
    });
    let target: CheckedTarget;
    try {
      target = await this.target.check(endpoint.url);
    } catch (error) {
      return attempt(null, (error as Error).message);
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Keygate-Webhooks/1',
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(endpoint.secret.replace(/^whsec_/, '')).sign(
        messageId,
        at,
        body,
      ),
    };
    try {
      return attempt(await this.post(target, headers, body), null);
    } catch (error) {
      return attempt(null, (error as Error).message);
    }
  }

  private post(
    target: CheckedTarget,
    headers: Record<string, string>,
    body: string,
  ): Promise<number> {
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        target.url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          timeout: this.config.webhooks.timeoutMs,
          // Connect to the address that was checked, not to a second lookup's answer.
          lookup: ((_host: string, options: { all?: boolean }, done: PinnedDone) =>
            options.all
              ? done(null, [{ address: target.address, family: target.family }])
              : done(null, target.address, target.family)) as never,
        },
        (answer) => {
          let read = 0;
          answer.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > ANSWER_BYTES) answer.destroy();
          });
          answer.on('close', () => resolve(answer.statusCode ?? 0));
          answer.on('error', () => resolve(answer.statusCode ?? 0));
        },
      );
      request.on('timeout', () => request.destroy(new Error('no answer in time')));
      request.on('error', reject);
      request.end(body);
    });
  }
}
