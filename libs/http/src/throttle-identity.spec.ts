import { throttleIdentity } from './throttle-identity';

describe(throttleIdentity.name, () => {
  it('keeps an IPv4 address, also when Node reports it IPv4-mapped', () => {
    expect(throttleIdentity('198.51.100.7', 64)).toBe('198.51.100.7');
    expect(throttleIdentity('::ffff:198.51.100.7', 64)).toBe('198.51.100.7');
  });

  it('counts every address of one /64 as one client', () => {
    const identities = new Set(
      ['2001:db8:1:1::1', '2001:db8:1:1::ffff', '2001:db8:1:1:abcd:ef01:2345:6789'].map((a) =>
        throttleIdentity(a, 64),
      ),
    );
    expect([...identities]).toEqual(['2001:db8:1:1::/64']);
    expect(throttleIdentity('2001:db8:1:2::1', 64)).toBe('2001:db8:1:2::/64');
  });

  it('gives one spelling whatever spelling the address came in', () => {
    for (const spelling of [
      '2001:DB8:1:1::1',
      '2001:0db8:0001:0001:0000:0000:0000:0001',
      '2001:db8:1:1:0:0:0:1',
    ])
      expect(throttleIdentity(spelling, 64)).toBe('2001:db8:1:1::/64');
  });

  it('takes the configured prefix, bits inside a hextet included', () => {
    expect(throttleIdentity('2001:db8:1:1::1', 48)).toBe('2001:db8:1::/48');
    expect(throttleIdentity('2001:db8:abcd:ff00::1', 56)).toBe('2001:db8:abcd:ff00::/56');
    expect(throttleIdentity('2001:db8:abcd:ffff::1', 56)).toBe('2001:db8:abcd:ff00::/56');
    expect(throttleIdentity('2001:db8:1:1::1', 128)).toBe('2001:db8:1:1::1/128');
    expect(throttleIdentity('::1', 64)).toBe('::/64');
    expect(throttleIdentity('fe80::1:2:3:4', 64)).toBe('fe80::/64');
  });

  it('reads an IPv6 address with a dotted IPv4 tail', () => {
    expect(throttleIdentity('64:ff9b::198.51.100.7', 96)).toBe('64:ff9b::/96');
    expect(throttleIdentity('64:ff9b::198.51.100.7', 128)).toBe('64:ff9b::c633:6407/128');
  });

  it('leaves what is not an address as it is', () => {
    expect(throttleIdentity('', 64)).toBe('');
    expect(throttleIdentity('not-an-ip', 64)).toBe('not-an-ip');
  });
});
