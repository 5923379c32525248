import { redisOptionsFrom } from './redis-endpoint';

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
});
