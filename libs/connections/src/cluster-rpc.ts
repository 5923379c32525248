import { ClientRedis, RedisOptions as NestRedisOptions, ServerRedis } from '@nestjs/microservices';
import Redis, { Cluster, RedisOptions } from 'ioredis';
import { clusterOptionsOf } from './redis.connection';
import type { RedisEndpoint } from './redis-endpoint';

type ClusterEndpoint = Extract<RedisEndpoint, { kind: 'cluster' }>;
type TransportOptions = NonNullable<NestRedisOptions['options']>;

/**
 * Nest's Redis transport with its two connections (publish, subscribe) on a Redis Cluster.
 * Classic pub/sub works on a Cluster as it is: a message published on any node reaches the
 * subscribers of every node over the cluster bus, and ioredis moves a subscription to another
 * node when its node fails. Nest's own transport only opens single-server connections, so the
 * connection is all this changes (docs/adr/0012-rpc-on-a-redis-cluster.md).
 */
export class ClusterRpcServer extends ServerRedis {
  constructor(
    private readonly endpoint: ClusterEndpoint,
    options: TransportOptions,
  ) {
    super(options);
  }

  override createRedisClient(): Redis {
    return clusterConnection(this.endpoint, this.getClientOptions() as RedisOptions);
  }
}

/** The calling side of ClusterRpcServer. */
export class ClusterRpcClient extends ClientRedis {
  constructor(
    private readonly endpoint: ClusterEndpoint,
    options: TransportOptions,
  ) {
    super(options);
  }

  override createClient(): Redis {
    return clusterConnection(this.endpoint, this.getClientOptions() as RedisOptions);
  }
}

function clusterConnection(endpoint: ClusterEndpoint, transport: RedisOptions): Redis {
  const cluster = new Cluster(
    endpoint.nodes,
    clusterOptionsOf({ ...endpoint.options, ...transport, lazyConnect: true }),
  );
  // Nest types its connections as single-server clients; it only connects, publishes,
  // subscribes, listens and quits, which a Cluster client does alike.
  return cluster as unknown as Redis;
}
