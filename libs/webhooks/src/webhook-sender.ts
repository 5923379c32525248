import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { ValidationError } from '@keygate/contracts';
import { CheckedTarget, WebhookTarget } from './webhook-target';

/** One message as Standard Webhooks has it: the id stays the same across its retries. */
export interface WebhookMessage {
  id: string;
  type: string;
  /** When the event happened; the body's `timestamp`. */
  timestamp: string;
  data: Record<string, unknown>;
}

/** How one attempt went: the endpoint's status, or why there was none. */
export interface AttemptOutcome {
  status: number | null;
  error: string | null;
  durationMs: number;
}

type PinnedDone = (
  error: Error | null,
  address: string | Array<{ address: string; family: number }>,
  family?: number,
) => void;

/** What is read of an endpoint's answer, at most. */
const ANSWER_BYTES = 4096;

/** `webhook-signature`: one `v1,<base64>` per secret, separated by spaces (a rotated secret signs too). */
export function signatureHeader(
  secrets: string[],
  message: { id: string; body: string },
  at: Date,
): string {
  return secrets
    .map((secret) => new Webhook(secret.replace(/^whsec_/, '')).sign(message.id, at, message.body))
    .join(' ');
}

/**
 * Sends one message to an endpoint: body `{type, timestamp, data}`, headers `webhook-id`,
 * `webhook-timestamp`, `webhook-signature` (signed with the `standardwebhooks` package, which
 * receivers use to verify). The target is checked first (WebhookTarget), redirects are not
 * followed, the answer is read to 4 KB at most, and the attempt ends after `timeoutMs`.
 */
export class WebhookSender {
  constructor(
    private readonly target: WebhookTarget,
    private readonly timeoutMs: number,
  ) {}

  async send(
    endpoint: { url: string; secrets: string[] },
    message: WebhookMessage,
  ): Promise<AttemptOutcome> {
    // The wall clock, whatever clock decides retries: receivers check it against theirs.
    const now = new Date();
    const body = JSON.stringify({
      type: message.type,
      timestamp: message.timestamp,
      data: message.data,
    });
    const started = performance.now();
    const outcome = (status: number | null, error: string | null): AttemptOutcome => ({
      status,
      error,
      durationMs: Math.round(performance.now() - started),
    });
    let target: CheckedTarget;
    try {
      target = await this.target.check(endpoint.url);
    } catch (error) {
      const reason =
        error instanceof ValidationError
          ? `url ${error.fields?.map((field) => field.message).join('; ')}`
          : (error as Error).message;
      return outcome(null, `not sent: ${reason}`);
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Keygate-Webhooks/1',
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signatureHeader(endpoint.secrets, { id: message.id, body }, now),
    };
    try {
      return outcome(await this.post(target, headers, body), null);
    } catch (error) {
      return outcome(null, (error as Error).message);
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
      // The whole attempt, not only idle time: a trickling endpoint is cut off as well.
      const deadline = setTimeout(
        () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      request.on('close', () => clearTimeout(deadline));
      request.on('error', reject);
      request.end(body);
    });
  }
}
