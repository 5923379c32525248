import { redisEndpointOf, redisOptionsFrom } from './redis-endpoint';

describe('where Redis is', () => {
  it('reads one server’s URL, with credentials, db and TLS', () => {
    expect(redisOptionsFrom('rediss://app:s%3Acret@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'app',
      password: 's:cret',
      db: 2,
      tls: {},
    });
  });

  it('reads a Sentinel set and the master it names', () => {
    expect(
      redisOptionsFrom('redis-sentinel://:pw@10.0.0.5:26379,sentinel-b,[::1]:26380/keygate/1'),
    ).toEqual({
      sentinels: [
        { host: '10.0.0.5', port: 26379 },
        { host: 'sentinel-b', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'keygate',
      username: undefined,
      password: 'pw',
      db: 1,
    });
    expect(() => redisOptionsFrom('redis-sentinel://10.0.0.5:26379')).toThrow(/master name/);
  });

  it('reads a Cluster’s seed nodes, with the credentials and TLS of every node', () => {
    expect(redisEndpointOf('rediss-cluster://app:pw@10.0.0.5:7000,node-b,[::1]:7002')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.5', port: 7000 },
        { host: 'node-b', port: 6379 },
        { host: '::1', port: 7002 },
      ],
      options: { username: 'app', password: 'pw', tls: {} },
    });
    expect(redisEndpointOf('redis-cluster://127.0.0.1:7000/')).toMatchObject({
      kind: 'cluster',
      options: { tls: undefined },
    });
    expect(() => redisEndpointOf('redis-cluster://127.0.0.1:7000/2')).toThrow(/Cluster endpoint/);
    expect(() => redisOptionsFrom('redis-cluster://127.0.0.1:7000')).toThrow(/redisEndpointOf/);
  });

  it('reads one server as the same options either way', () => {
    expect(redisEndpointOf('redis://127.0.0.1:6380')).toEqual({
      kind: 'server',
      options: redisOptionsFrom('redis://127.0.0.1:6380'),
    });
  });
});
