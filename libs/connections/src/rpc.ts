import {
  ClientProxy,
  ClientProxyFactory,
  RedisOptions as NestRedisOptions,
  Transport,
} from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import {
  ReplyOf,
  RequestOf,
  ServiceUnavailableError,
  domainErrorFromWire,
  isWireError,
} from '@keygate/contracts';
import { redisOptionsFrom } from './redis-endpoint';

/** Nest microservices options for the Redis transport, from REDIS_URL (or a Sentinel endpoint). */
export function redisTransport(url: string): NestRedisOptions {
  const options = { ...redisOptionsFrom(url), retryAttempts: 1_000_000, retryDelay: 500 };
  return { transport: Transport.REDIS, options: options as NestRedisOptions['options'] };
}

export function createRpcClient(url: string): ClientProxy {
  return ClientProxyFactory.create(redisTransport(url));
}

/**
 * Sends one RPC and turns a coded error from the peer back into a DomainError; a peer that does
 * not answer in time is SERVICE_UNAVAILABLE.
 */
export async function sendRpc<T>(
  client: ClientProxy,
  pattern: string,
  payload: unknown,
  timeoutMs = 5000,
): Promise<T> {
  try {
    return await firstValueFrom(client.send<T>(pattern, payload).pipe(timeout(timeoutMs)));
  } catch (error) {
    if (isWireError(error)) throw domainErrorFromWire(error);
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new ServiceUnavailableError(`No answer to ${pattern} within ${timeoutMs} ms`);
    }
    throw error;
  }
}

/**
 * A typed client for one service's messages (KEY_SERVICE_MESSAGES, USAGE_SERVICE_MESSAGES):
 * the pattern decides what may be sent and what comes back; the service validates the request
 * with the same schema.
 */
export class RpcClient<M> {
  constructor(private readonly client: ClientProxy) {}

  call<P extends keyof M & string>(
    pattern: P,
    request: RequestOf<M, P>,
    timeoutMs?: number,
  ): Promise<ReplyOf<M, P>> {
    return sendRpc<ReplyOf<M, P>>(this.client, pattern, request, timeoutMs);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
