import fc from 'fast-check';
import { permissionForRequest } from '../authorization/permission-for-request';
import { upstreamPath } from '../proxy/upstream.proxy';
import { InvalidPathError } from '@keygate/contracts';
import { canonicalTarget, encodeSegment } from './canonical-target';
import { decodedName, withoutParameters } from './query-parameters';

// Pieces an attacker combines: separators and dots in every encoding, double encodings, path
// parameters, control characters, and the ordinary words of the API.
const PIECES = [
  '/',
  '//',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2f',
  '%2F',
  '%5c',
  '\\',
  '%25',
  '%252e',
  '%00',
  '%0a',
  '%',
  '%zz',
  ';',
  '%3b',
  ' ',
  '%20',
  '%C3%A9',
  '%C3',
  'é',
  'api',
  'v1',
  'content',
  'internal',
  'contenttype',
  'product',
  'blogpost',
  'p1',
  '~x',
  '+',
];
const rawPath = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 14 })
  .map((pieces) => `/${pieces.join('')}`);
const apiPath = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 8 })
  .map((pieces) => `/api/v1/content/${pieces.join('')}`);

/** What an upstream does with a path: resolve dot-segments (WHATWG URL), then decode. */
const resolvedByUpstream = (path: string) => new URL(path, 'http://upstream').pathname;

describe(canonicalTarget.name, () => {
  it('forwards exactly what it authorized, or refuses (property)', () => {
    fc.assert(
      fc.property(fc.oneof(rawPath, apiPath), (raw) => {
        let target;
        try {
          target = canonicalTarget(raw);
        } catch (error) {
          // A property over arbitrary paths: a refusal is one of its outcomes, asserted as such.
          // eslint-disable-next-line jest/no-conditional-expect
          expect(error).toBeInstanceOf(InvalidPathError);
          return;
        }
        const forwarded = upstreamPath('/base', target);
        // No resolution step of the upstream can move it: no dot-segment, no separator inside a segment.
        expect(resolvedByUpstream(forwarded)).toBe(forwarded);
        const segments = forwarded.split('/').slice(2);
        if (segments[segments.length - 1] === '') segments.pop();
        const once = segments.map(decodeURIComponent);
        expect(once).toEqual(target.segments);
        // A second decode changes nothing, so a decoding upstream reads what the gateway read.
        expect(once.map(decodeURIComponent)).toEqual(once);
        for (const segment of once) expect(segment).not.toMatch(/^\.+$|[/\\\0]/);
        // The resource the key was checked for is the one the upstream gets.
        const permission = permissionForRequest('GET', target.path);
        if (permission?.kind === 'content')
          // eslint-disable-next-line jest/no-conditional-expect
          expect(
            forwarded.startsWith(`/base/api/v1/content/${encodeSegment(permission.resource)}`),
          ).toBe(true);
        // Canonical means a fixed point.
        expect(canonicalTarget(target.path).path).toBe(target.path);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    '/api/v1/content/product/../blogpost',
    '/api/v1/content/product/%2e%2e/blogpost',
    '/api/v1/content/product/.%2E/blogpost',
    '/api/v1/content/product/..\\blogpost',
    '/api/v1/content/product%2fblogpost',
    '/api/v1/content/product/%252e%252e',
    '/api/v1/content/product/..;/x',
    '/api/v1/content/product/p%00',
    '/api/v1/content/product/%',
    '/api/v1/content/product/%C3',
    '/api/v1/content/product/é',
    'http://elsewhere/api/v1/content/product',
    '/api/v1/content/product?q=a b',
    '/api/v1/content/product?q=#x',
  ])('refuses %s', (raw) => {
    expect(() => canonicalTarget(raw)).toThrow(InvalidPathError);
  });

  it('decodes once, re-encodes one way, merges slashes and keeps a trailing one', () => {
    expect(canonicalTarget('/api//v1/content/%70roduct/p%20%c3%a9/?q=1')).toEqual({
      segments: ['api', 'v1', 'content', 'product', 'p é'],
      path: '/api/v1/content/product/p%20%C3%A9/',
      query: 'q=1',
    });
    expect(canonicalTarget('/').path).toBe('/');
  });
});

describe(withoutParameters.name, () => {
  const part = fc.oneof(
    fc.constantFrom(
      'auth_token=k',
      'auth%5Ftoken=k',
      '%61uth_token=k',
      'auth_token',
      'auth%5ftoken',
      'q=a%20b',
      'flag',
      'x=1+2',
      'a=%zz',
      '',
      'auth_token2=kept',
    ),
    fc.stringMatching(/^[a-z%0-9_=+]{0,8}$/),
  );

  it('removes every parameter named auth_token in any encoding and keeps the rest byte for byte (property)', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const query = parts.join('&');
        const kept = withoutParameters(query, new Set(['auth_token']));
        const expected = parts.filter((p) => decodedName(p) !== 'auth_token').join('&');
        expect(kept).toBe(query === '' ? '' : expected);
        const keptNames = kept === '' ? [] : kept.split('&').map(decodedName);
        expect(keptNames).not.toContain('auth_token');
      }),
    );
  });
});
