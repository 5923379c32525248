import {
  CanActivate,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KeyAction, KeyVerificationAnswer } from '@keygate/contracts';
import { KeygateClient, KeygateUnavailableError } from './keygate-client';

export const KEYGATE_CLIENT = Symbol('KEYGATE_CLIENT');
const PERMISSION = 'keygate:permission';
const COST = 'keygate:cost';

/** The permission a route needs of the key (content type and action). */
export const KeygatePermission = (resource: string, action: KeyAction) =>
  SetMetadata(PERMISSION, { resource, action });

/** What a call to the route counts against the key's limits (default 1; 0 checks only). */
export const KeygateCost = (cost: number) => SetMetadata(COST, cost);

/** The verified key, on the request of a route the guard let through. */
export interface KeygateRequest {
  keygate: KeyVerificationAnswer;
}

const STATUS_OF: Record<string, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  CREDITS_EXHAUSTED: 429,
};

type Headers = Record<string, string | string[] | undefined>;

/** The key as the gateway reads it: X-AUTH-TOKEN, Authorization: Bearer, or api-key. */
export function presentedKey(headers: Headers): string | null {
  const first = (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() || null;
  };
  const bearer = first('authorization');
  return (
    first('x-auth-token') ??
    (bearer?.startsWith('Bearer ') ? bearer.slice(7).trim() || null : null) ??
    first('api-key')
  );
}

/**
 * Protects a route of a NestJS service with Keygate keys, for services that do not sit behind
 * the gateway: the key the caller presents is verified (and counted) by the gateway; a refusal
 * is answered with the status and code a proxied call would get (401, 403, 429 with
 * Retry-After); the verdict is on `request.keygate`. If Keygate cannot answer, the call is
 * refused (503): the guard fails closed.
 */
@Injectable()
export class KeygateGuard implements CanActivate {
  constructor(
    @Inject(KEYGATE_CLIENT) private readonly client: KeygateClient,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<{ headers: Headers; ip?: string } & Partial<KeygateRequest>>();
    const key = presentedKey(request.headers);
    if (!key)
      throw new HttpException(
        { code: 'UNAUTHORIZED', reason: 'missing', message: 'Missing API key' },
        401,
      );
    const targets = [context.getHandler(), context.getClass()];
    const permission = this.reflector.getAllAndOverride<{ resource: string; action: KeyAction }>(
      PERMISSION,
      targets,
    );
    const cost = this.reflector.getAllAndOverride<number | undefined>(COST, targets) ?? 1;
    let verdict: KeyVerificationAnswer;
    try {
      verdict = await this.client.verify({
        key,
        cost,
        ...(permission && { permission }),
        ...(request.ip && { clientIp: request.ip }),
      });
    } catch (error) {
      if (error instanceof KeygateUnavailableError)
        throw new ServiceUnavailableException('Keys cannot be checked right now; retry shortly');
      throw error;
    }
    if (!verdict.valid) {
      const retryAfter = verdict.limits?.retryAfterSeconds;
      if (retryAfter) setHeader(http.getResponse(), 'Retry-After', String(retryAfter));
      throw new HttpException(
        {
          code: verdict.code,
          reason: verdict.reason,
          message: `The API key was refused: ${verdict.reason}`,
        },
        STATUS_OF[verdict.code] ?? 403,
      );
    }
    request.keygate = verdict;
    return true;
  }
}

/** Express (`setHeader`) or Fastify (`header`). */
function setHeader(response: unknown, name: string, value: string): void {
  const target = response as {
    header?: (n: string, v: string) => void;
    setHeader?: (n: string, v: string) => void;
  };
  if (typeof target.header === 'function') target.header(name, value);
  else target.setHeader?.(name, value);
}
