import { KeyVerificationAnswer, VerifyKeyRequest } from '@keygate/contracts';

export interface KeygateClientOptions {
  /** The gateway's base URL, e.g. `https://api.example.com`. */
  gatewayUrl: string;
  /** The deployment's VERIFY_TOKEN. */
  verifyToken: string;
  /** How long a verification may take before the call is failed (default 2,000 ms). */
  timeoutMs?: number;
}

/** The gateway could not answer a verification (unreachable, 5xx, a timeout, a refused token). */
export class KeygateUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'KeygateUnavailableError';
  }
}

/**
 * A typed client of POST /api/v1/keys/verify: what a service that does not sit behind the
 * gateway uses to check (and count) the keys its callers present.
 */
export class KeygateClient {
  private readonly url: string;

  constructor(private readonly options: KeygateClientOptions) {
    this.url = new URL('/api/v1/keys/verify', options.gatewayUrl).toString();
  }

  /** The gateway's verdict on a key; throws KeygateUnavailableError when there is none. */
  async verify(request: VerifyKeyRequest): Promise<KeyVerificationAnswer> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.verifyToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 2000),
      });
    } catch (error) {
      throw new KeygateUnavailableError(`Keygate did not answer: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.status === 200) return body as KeyVerificationAnswer;
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new KeygateUnavailableError(
      `Keygate refused the verification (${response.status}): ${message ?? 'no message'}`,
      response.status,
    );
  }
}
