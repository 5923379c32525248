import {
  ClientProxy,
  ClientProxyFactory,
  CustomStrategy,
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
import { ClusterRpcClient, ClusterRpcServer } from './cluster-rpc';
import { redisEndpointOf } from './redis-endpoint';

const RECONNECT = { retryAttempts: 1_000_000, retryDelay: 500 };

/**
 * Nest microservices options for the Redis transport, from REDIS_URL (a server, a Sentinel set,
 * or a Cluster, which takes a strategy of its own: cluster-rpc.ts).
 */
export function redisTransport(url: string): NestRedisOptions | CustomStrategy {
  const endpoint = redisEndpointOf(url);
  if (endpoint.kind === 'cluster') return { strategy: new ClusterRpcServer(endpoint, RECONNECT) };
  const options = { ...endpoint.options, ...RECONNECT };
  return { transport: Transport.REDIS, options: options as NestRedisOptions['options'] };
}

export function createRpcClient(url: string): ClientProxy {
  const endpoint = redisEndpointOf(url);
  if (endpoint.kind === 'cluster')
    return new ClusterRpcClient(endpoint, RECONNECT) as unknown as ClientProxy;
  const options = { ...endpoint.options, ...RECONNECT } as NestRedisOptions['options'];
  return ClientProxyFactory.create({ transport: Transport.REDIS, options });
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
