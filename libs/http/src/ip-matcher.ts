import { isIP } from 'node:net';

interface Range {
  family: 4 | 6;
  base: bigint;
  mask: bigint;
}

/** `::ffff:10.1.2.3` (how Node reports IPv4 clients on dual-stack sockets) becomes `10.1.2.3`. */
export function normaliseIp(address: string): string {
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped ? mapped[1] : lower;
}

/** An IPv4 or IPv6 address (in any text form, dotted IPv4 tail included) as a number. */
export function toBigInt(address: string, family: 4 | 6): bigint {
  if (family === 4)
    return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
  let [head, tail] = address.split('::') as [string, string | undefined];
  // An IPv6 address may end in dotted IPv4 (::ffff:1.2.3.4): turn that into two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(tail ?? head);
  if (dotted) {
    const v4 = toBigInt(dotted[1], 4);
    const hextets = `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
    if (tail !== undefined) tail = tail.replace(dotted[1], hextets);
    else head = head.replace(dotted[1], hextets);
  }
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const parts =
    tail === undefined ? headParts : [...headParts, ...Array(missing).fill('0'), ...tailParts];
  return parts.reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part || '0', 16)), 0n);
}

function parseRange(entry: string): Range | null {
  const [rawAddress, prefix] = entry.split('/');
  const address = normaliseIp(rawAddress);
  const family = isIP(address);
  if (family !== 4 && family !== 6) return null;
  const bits = family === 4 ? 32 : 128;
  const length = prefix === undefined ? bits : Number(prefix);
  if (!Number.isInteger(length) || length < 0 || length > bits) return null;
  const mask = length === 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(bits - length);
  return { family, base: toBigInt(address, family) & mask, mask };
}

/** Matches addresses against IPv4/IPv6 addresses and CIDR ranges, parsed once. */
export class IpMatcher {
  private readonly ranges: Range[];

  constructor(entries: readonly string[]) {
    this.ranges = entries.map(parseRange).filter((r): r is Range => r !== null);
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  matches(address: string): boolean {
    const ip = normaliseIp(address);
    const family = isIP(ip);
    if (family !== 4 && family !== 6) return false;
    const value = toBigInt(ip, family);
    return this.ranges.some(
      (range) => range.family === family && (value & range.mask) === range.base,
    );
  }
}
