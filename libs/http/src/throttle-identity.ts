import { isIP } from 'node:net';
import { normaliseIp, toBigInt } from './ip-matcher';

/**
 * Who a throttle counts a client as: an IPv4 address as it is; an IPv6 address as its network of
 * `ipv6PrefixBits` (a /64 by default), since one subscriber is routinely given a whole /64 (or
 * /56, /48) and would otherwise be 2^64 clients. Written as the network in CIDR form
 * (`2001:db8:1:1::/64`), one spelling whatever spelling the address came in. What is not an
 * IP address is its own identity.
 */
export function throttleIdentity(address: string, ipv6PrefixBits: number): string {
  const ip = normaliseIp(address);
  if (isIP(ip) !== 6) return ip;
  const bits = Math.min(ipv6PrefixBits, 128);
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
  const network = toBigInt(ip, 6) & mask;
  const hextets = Array.from({ length: 8 }, (_, i) =>
    Number((network >> BigInt(112 - 16 * i)) & 0xffffn),
  );
  return `${compressed(hextets)}/${bits}`;
}

/** RFC 5952's text form: lower case, no leading zeros, the longest run of zeros as `::`. */
function compressed(hextets: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (hextets[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && hextets[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const text = hextets.map((h) => h.toString(16));
  if (bestStart === -1) return text.join(':');
  return `${text.slice(0, bestStart).join(':')}::${text.slice(bestStart + bestLength).join(':')}`;
}
