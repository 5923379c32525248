import { RedisOptions } from 'ioredis';

/** One Redis server or Sentinel set (ioredis options), or a Cluster (its seed nodes). */
export type RedisEndpoint =
  | { kind: 'server'; options: RedisOptions }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; options: RedisOptions };

/**
 * Where Redis is, from one string every app and script passes around:
 * - `redis://[user:password@]host:port[/db]` (`rediss://` for TLS): one server;
 * - `redis-sentinel://[user:password@]host:port,host:port…/<master name>[/db]`: the master that
 *   Redis Sentinel names, followed through failovers (the password is the master's; sentinels
 *   are asked without one);
 * - `redis-cluster://[user:password@]host:port,host:port…` (`rediss-cluster://` for TLS): a Redis
 *   Cluster, found from any of these nodes (the password is every node's; a Cluster has db 0).
 */
export function redisEndpointOf(endpoint: string): RedisEndpoint {
  if (/^rediss?-cluster:\/\//.test(endpoint)) return clusterEndpointOf(endpoint);
  return { kind: 'server', options: redisOptionsFrom(endpoint) };
}

/** ioredis options of one server or Sentinel set (a Cluster's are redisEndpointOf's). */
export function redisOptionsFrom(endpoint: string): RedisOptions {
  if (endpoint.startsWith('redis-sentinel://')) return sentinelOptionsFrom(endpoint);
  if (/^rediss?-cluster:\/\//.test(endpoint))
    throw new Error('a redis-cluster:// endpoint has no single server: use redisEndpointOf');
  const parsed = new URL(endpoint);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

const CLUSTER_ENDPOINT = /^(rediss?)-cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/@]+)\/?$/;

function clusterEndpointOf(endpoint: string): RedisEndpoint {
  const match = CLUSTER_ENDPOINT.exec(endpoint);
  if (!match) throw new Error('a Cluster endpoint is redis-cluster://host:port,host:port…');
  const [, scheme, username, password, hosts] = match;
  return {
    kind: 'cluster',
    nodes: hostsOf(hosts, 6379),
    options: {
      username: username ? decodeURIComponent(username) : undefined,
      password: password ? decodeURIComponent(password) : undefined,
      tls: scheme === 'rediss' ? {} : undefined,
    },
  };
}

const SENTINEL_ENDPOINT =
  /^redis-sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/@]+)\/([A-Za-z0-9._-]+)(?:\/(\d+))?$/;

function sentinelOptionsFrom(endpoint: string): RedisOptions {
  const match = SENTINEL_ENDPOINT.exec(endpoint);
  if (!match) throw new Error('a Sentinel endpoint is redis-sentinel://host:port,…/<master name>');
  const [, username, password, hosts, name, db] = match;
  return {
    sentinels: hostsOf(hosts, 26379),
    name,
    username: username ? decodeURIComponent(username) : undefined,
    password: password ? decodeURIComponent(password) : undefined,
    db: db ? Number(db) : 0,
    // Not ioredis's `failoverDetector`: its sentinel subscriptions outlive disconnect() and keep
    // a stopped process alive. Without it a connection finds the new master when the old one
    // fails it (2.2-2.3 s after a SIGKILL in test/redis/sentinel.reliability.int-spec.ts).
  };
}

/** `host:port,host,[::1]:port` → addresses (a host alone is on `defaultPort`). */
function hostsOf(list: string, defaultPort: number): Array<{ host: string; port: number }> {
  return list.split(',').map((hostPort) => {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
    if (bracketed) return { host: bracketed[1], port: Number(bracketed[2] ?? defaultPort) };
    const at = hostPort.lastIndexOf(':');
    return at < 0
      ? { host: hostPort, port: defaultPort }
      : { host: hostPort.slice(0, at), port: Number(hostPort.slice(at + 1)) };
  });
}
