import { clientIpOf } from './client-ip';
import { IpMatcher, normaliseIp } from './ip-matcher';

describe(IpMatcher.name, () => {
  it('matches single IPv4 addresses and CIDR ranges', () => {
    const matcher = new IpMatcher(['203.0.113.7', '10.0.0.0/8']);
    expect(matcher.matches('203.0.113.7')).toBe(true);
    expect(matcher.matches('203.0.113.8')).toBe(false);
    expect(matcher.matches('10.255.1.2')).toBe(true);
    expect(matcher.matches('11.0.0.1')).toBe(false);
  });

  it('matches IPv6 addresses and ranges, compressed or not', () => {
    const matcher = new IpMatcher(['2001:db8::/32', '::1']);
    expect(matcher.matches('2001:db8:abcd::1')).toBe(true);
    expect(matcher.matches('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(matcher.matches('2001:db9::1')).toBe(false);
    expect(matcher.matches('::1')).toBe(true);
  });

  it('treats IPv4-mapped IPv6 clients as IPv4', () => {
    expect(new IpMatcher(['127.0.0.0/8']).matches('::ffff:127.0.0.1')).toBe(true);
    expect(normaliseIp('::FFFF:10.0.0.1')).toBe('10.0.0.1');
  });

  it('never matches across families, and 0.0.0.0/0 matches every IPv4 address', () => {
    expect(new IpMatcher(['0.0.0.0/0']).matches('::1')).toBe(false);
    expect(new IpMatcher(['0.0.0.0/0']).matches('8.8.8.8')).toBe(true);
  });

  it('is empty when given nothing valid', () => {
    expect(new IpMatcher([]).isEmpty).toBe(true);
    expect(new IpMatcher(['nonsense']).isEmpty).toBe(true);
  });
});

describe(clientIpOf.name, () => {
  const proxies = new IpMatcher(['10.0.0.0/8']);

  it('ignores X-Forwarded-For from an untrusted socket', () => {
    expect(clientIpOf('198.51.100.1', '1.2.3.4', proxies)).toBe('198.51.100.1');
    expect(clientIpOf('198.51.100.1', '1.2.3.4', new IpMatcher([]))).toBe('198.51.100.1');
  });

  it('takes the nearest untrusted hop behind trusted proxies', () => {
    expect(clientIpOf('10.0.0.2', '6.6.6.6, 1.2.3.4, 10.0.0.9', proxies)).toBe('1.2.3.4');
  });
});
