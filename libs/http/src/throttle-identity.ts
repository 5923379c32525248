import { isIP } from 'node:net';
import { normaliseIp } from './ip-matcher';

function ipv6Hextets(address: string): number[] {
  let [head, tail] = address.split('::') as [string, string | undefined];
  // A dotted IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two hextets.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(tail ?? head);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    const hextets = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    if (tail !== undefined) tail = tail.replace(dotted[0], hextets);
    else head = head.replace(dotted[0], hextets);
  }
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const parts =
    tail === undefined
      ? headParts
      : [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts];
  return parts.map((part) => parseInt(part || '0', 16));
}

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
  if (ipv6PrefixBits >= 128) return `${compressed(ipv6Hextets(ip))}/128`;
  const hextets = ipv6Hextets(ip).map((hextet, i) => {
    const kept = Math.min(Math.max(ipv6PrefixBits - i * 16, 0), 16);
    return kept === 0 ? 0 : hextet & (0xffff << (16 - kept)) & 0xffff;
  });
  return `${compressed(hextets)}/${ipv6PrefixBits}`;
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
