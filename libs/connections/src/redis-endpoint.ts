import { RedisOptions } from 'ioredis';

/**
 * Where Redis is, as ioredis options, from one string every app and script passes around:
 * - `redis://[user:password@]host:port[/db]` (`rediss://` for TLS): one server;
 * - `redis-sentinel://[user:password@]host:port,host:port…/<master name>[/db]`: the master that
 *   Redis Sentinel names, followed through failovers (the password is the master's; sentinels
 *   are asked without one).
 */
export function redisOptionsFrom(endpoint: string): RedisOptions {
  if (endpoint.startsWith('redis-sentinel://')) return sentinelOptionsFrom(endpoint);
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

const SENTINEL_ENDPOINT =
  /^redis-sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/@]+)\/([A-Za-z0-9._-]+)(?:\/(\d+))?$/;

function sentinelOptionsFrom(endpoint: string): RedisOptions {
  const match = SENTINEL_ENDPOINT.exec(endpoint);
  if (!match) throw new Error('a Sentinel endpoint is redis-sentinel://host:port,…/<master name>');
  const [, username, password, hosts, name, db] = match;
  return {
    sentinels: hosts.split(',').map((hostPort) => {
      const at = hostPort.lastIndexOf(':');
      return at < 0
        ? { host: hostPort, port: 26379 }
        : {
            host: hostPort.slice(0, at).replace(/^\[|\]$/g, ''),
            port: Number(hostPort.slice(at + 1)),
          };
    }),
    name,
    username: username ? decodeURIComponent(username) : undefined,
    password: password ? decodeURIComponent(password) : undefined,
    db: db ? Number(db) : 0,
    // Not ioredis's `failoverDetector`: its sentinel subscriptions outlive disconnect() and keep
    // a stopped process alive. Without it a connection finds the new master when the old one
    // fails it (2.2-2.3 s after a SIGKILL in test/redis/sentinel.reliability.int-spec.ts).
  };
}
