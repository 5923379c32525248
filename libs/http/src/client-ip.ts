import { IpMatcher, normaliseIp } from './ip-matcher';

/**
 * The address a call came from: the socket's, unless the socket is a configured trusted proxy;
 * then the nearest X-Forwarded-For hop that is not itself a trusted proxy.
 */
export function clientIpOf(
  socketAddress: string,
  forwardedFor: string | string[] | undefined,
  trustedProxies: IpMatcher,
): string {
  let client = normaliseIp(socketAddress);
  if (trustedProxies.isEmpty || !trustedProxies.matches(client) || !forwardedFor) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = normaliseIp(hops[i]);
    if (!trustedProxies.matches(client)) return client;
  }
  return client;
}
