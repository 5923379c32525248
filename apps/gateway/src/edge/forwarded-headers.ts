import { IncomingHttpHeaders } from 'node:http';

// Hop-by-hop (RFC 9110 §7.6.1), plus `expect` (the gateway answered the 100-continue itself) and
// `host` (the pool sets the upstream's).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
  'expect',
  'host',
]);
const CREDENTIALS = new Set(['x-auth-token', 'authorization', 'api-key']);
// What a client could send to pose as a proxy's word about itself; believed from trusted proxies only.
const CLIENT_FORWARDING = new Set([
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-prefix',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'x-cluster-client-ip',
]);

export interface ForwardingContext {
  /** The socket's peer is one of TRUSTED_PROXIES. */
  viaTrustedProxy: boolean;
  socketAddress: string;
  protocol: 'http' | 'https';
  /** The Panel's session cookie, removed from `cookie`. */
  sessionCookie: string;
}

/** The `cookie` header without the named cookie; undefined when nothing else is left. */
export function withoutCookie(header: string, name: string): string | undefined {
  const kept = header
    .split(';')
    .filter((pair) => pair.trim().split('=', 1)[0] !== name)
    .join(';')
    .trim();
  return kept === '' ? undefined : kept;
}

/**
 * The headers the upstream receives: the client's, less hop-by-hop headers (and any the client
 * named in `Connection`), credentials, the Panel cookie, `x-keygate-*`, and forwarding headers
 * unless a trusted proxy sent them; X-Forwarded-For/-Proto/-Host as the gateway saw the call.
 */
export function forwardedHeaders(
  incoming: IncomingHttpHeaders,
  context: ForwardingContext,
): Record<string, string | string[]> {
  const named = incoming.connection
    ? new Set(incoming.connection.split(',').map((token) => token.trim().toLowerCase()))
    : null;
  const headers: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (
      value === undefined ||
      HOP_BY_HOP.has(name) ||
      CREDENTIALS.has(name) ||
      CLIENT_FORWARDING.has(name) ||
      name.startsWith('x-keygate-') ||
      named?.has(name)
    )
      continue;
    headers[name] = value;
  }
  if (typeof headers.cookie === 'string' && headers.cookie.includes(context.sessionCookie)) {
    const cookie = withoutCookie(headers.cookie, context.sessionCookie);
    if (cookie === undefined) delete headers.cookie;
    else headers.cookie = cookie;
  }
  const trusted = context.viaTrustedProxy;
  const forwardedFor = trusted ? incoming['x-forwarded-for'] : undefined;
  headers['x-forwarded-for'] = forwardedFor
    ? `${String(forwardedFor)}, ${context.socketAddress}`
    : context.socketAddress;
  headers['x-forwarded-proto'] =
    (trusted && firstOf(incoming['x-forwarded-proto'])) || context.protocol;
  const host = (trusted && firstOf(incoming['x-forwarded-host'])) || incoming.host;
  if (host) headers['x-forwarded-host'] = host;
  if (trusted)
    for (const name of ['forwarded', 'x-real-ip', 'x-forwarded-port', 'x-forwarded-prefix']) {
      const value = incoming[name];
      if (value !== undefined) headers[name] = value;
    }
  return headers;
}

const firstOf = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim() || undefined;
