import { InvalidPathError } from '@keygate/contracts';

/**
 * The one form of a request target the gateway authorizes and forwards. `path` is the decoded
 * segments re-encoded one way only, so what the upstream resolves is exactly what was checked.
 */
export interface CanonicalTarget {
  /** Percent-decoded path segments: `/api/v1/content/product/p1` → api, v1, content, product, p1. */
  segments: string[];
  /** The segments re-encoded, with a trailing slash if the request had one. */
  path: string;
  /** The query as the client sent it, without the `?` ('' when none). */
  query: string;
}

// Raw characters allowed in a path (RFC 3986 pchar and '/'); everything else must be %-encoded.
const RAW_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
// Visible ASCII without '#' for the query; a raw space, control or non-ASCII byte is refused.
const RAW_QUERY = /^[\x21\x22\x24-\x7e]*$/;
const PERCENT_TRIPLETS = /%(?![0-9A-Fa-f]{2})/;
// After decoding: no separator, no control character, nothing a second decode would change.
const FORBIDDEN_DECODED = /[/\\%\x00-\x1f\x7f]/;
// '.', '..', '...' and Tomcat's '..;x' or IIS's trailing-space forms all mean a dot-segment somewhere.
const DOT_SEGMENT = /^\.+ *(;.*)?$/;
// Characters kept as they are when re-encoding a segment; the rest is %XX of its UTF-8 bytes.
const KEPT = /[A-Za-z0-9\-._~!$'()*+,=:@&]/;

const ALL_KEPT = /^[A-Za-z0-9\-._~!$'()*+,=:@&]*$/;

export function encodeSegment(segment: string): string {
  if (ALL_KEPT.test(segment)) return segment;
  let out = '';
  for (const char of segment) {
    if (KEPT.test(char)) out += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decodeSegment(raw: string): string {
  // The common case: nothing encoded, and RAW_PATH already kept out \ and control characters.
  if (!raw.includes('%')) {
    if (DOT_SEGMENT.test(raw)) throw new InvalidPathError('a dot-segment (. or ..)');
    return raw;
  }
  if (PERCENT_TRIPLETS.test(raw)) throw new InvalidPathError('a % that is not %XX');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new InvalidPathError('%-encoded bytes that are not UTF-8');
  }
  if (FORBIDDEN_DECODED.test(decoded))
    throw new InvalidPathError('an encoded /, \\, % or control character');
  if (DOT_SEGMENT.test(decoded)) throw new InvalidPathError('a dot-segment (. or ..)');
  return decoded;
}

/**
 * Parses a request target once: origin-form only; segments decoded once and refused when a
 * second reading could differ (encoded separators, `%25`, dot-segments in any encoding, control
 * characters); empty segments merged (as nginx's merge_slashes). Throws InvalidPathError (400).
 */
export function canonicalTarget(rawUrl: string): CanonicalTarget {
  if (!rawUrl.startsWith('/')) throw new InvalidPathError('it must start with /');
  const at = rawUrl.indexOf('?');
  const rawPath = at === -1 ? rawUrl : rawUrl.slice(0, at);
  const query = at === -1 ? '' : rawUrl.slice(at + 1);
  if (!RAW_PATH.test(rawPath)) throw new InvalidPathError('a character that must be %-encoded');
  if (!RAW_QUERY.test(query)) throw new InvalidPathError('a character the query may not hold');
  const parts = rawPath.split('/');
  const segments: string[] = [];
  for (const part of parts) if (part !== '') segments.push(decodeSegment(part));
  const trailingSlash = rawPath.length > 1 && rawPath.endsWith('/');
  const path = `/${segments.map(encodeSegment).join('/')}${trailingSlash && segments.length ? '/' : ''}`;
  return { segments, path, query };
}
