import { BlockList, isIP } from 'node:net';

/** Where an address points, for deciding whether Keygate may send a request there. */
export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'shared'
  | 'multicast'
  | 'reserved';

type Range = [kind: Exclude<AddressKind, 'public'>, network: string, prefix: number];

// Cloud metadata services first: they sit inside the link-local and private ranges below.
const V4: Range[] = [
  ['metadata', '169.254.169.254', 32], // AWS, GCP, Azure, OpenStack, DigitalOcean
  ['metadata', '100.100.100.200', 32], // Alibaba Cloud
  ['unspecified', '0.0.0.0', 8],
  ['loopback', '127.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['link-local', '169.254.0.0', 16],
  ['shared', '100.64.0.0', 10], // carrier-grade NAT
  ['reserved', '192.0.0.0', 24], // IETF protocol assignments
  ['reserved', '192.0.2.0', 24], // documentation
  ['reserved', '198.18.0.0', 15], // benchmarking
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4], // and the broadcast address
];

const V6: Range[] = [
  ['metadata', 'fd00:ec2::254', 128], // AWS over IPv6
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['private', 'fc00::', 7], // unique local
  ['link-local', 'fe80::', 10],
  ['multicast', 'ff00::', 8],
  ['reserved', '2001:db8::', 32], // documentation
  ['reserved', '100::', 64], // discard
];

const lists = new Map<AddressKind, BlockList>();
for (const [kind, network, prefix] of [...V4, ...V6]) {
  let list = lists.get(kind);
  if (!list) lists.set(kind, (list = new BlockList()));
  list.addSubnet(network, prefix, network.includes(':') ? 'ipv6' : 'ipv4');
}
const ORDER: AddressKind[] = [
  'metadata',
  'unspecified',
  'loopback',
  'private',
  'link-local',
  'shared',
  'multicast',
  'reserved',
];

/** The IPv4 address an IPv6 one carries (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`), or null. */
function embeddedV4(address: string): string | null {
  const match =
    /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(
      address,
    );
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * What kind of address `ip` is (IPv4 or IPv6, an IPv4 address carried in IPv6 judged as itself).
 * Only `public` addresses may receive requests Keygate makes on a customer's behalf (webhooks):
 * the rest reach the machine itself, the private network or a cloud's metadata service. Throws
 * for a string that is not an IP address.
 */
export function addressKind(ip: string): AddressKind {
  const family = isIP(ip);
  if (family === 0) throw new TypeError(`not an IP address: ${ip}`);
  const v4 = family === 6 ? embeddedV4(ip) : ip;
  const [address, type] = v4 ? [v4, 'ipv4' as const] : [ip, 'ipv6' as const];
  for (const kind of ORDER) if (lists.get(kind)!.check(address, type)) return kind;
  return 'public';
}

/** Whether Keygate may send a customer's request to `ip` (only public addresses). */
export const isPublicAddress = (ip: string): boolean => addressKind(ip) === 'public';
