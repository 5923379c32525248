/**
 * Query parameters read the way form decoders and Fastify read them ('+' is a space, %XX
 * decoded, a name that does not decode is taken as written), so a credential cannot hide from
 * the gateway behind an encoding the upstream would still understand.
 */
function formDecoded(raw: string): string {
  const spaced = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export function decodedName(part: string): string {
  const equals = part.indexOf('=');
  return formDecoded(equals === -1 ? part : part.slice(0, equals));
}

function decodedValue(part: string): string {
  const equals = part.indexOf('=');
  return equals === -1 ? '' : formDecoded(part.slice(equals + 1));
}

/** Every value of the parameters whose decoded name is `name`, in order. */
export function queryValues(query: string, name: string): string[] {
  if (query === '') return [];
  return query
    .split('&')
    .filter((part) => decodedName(part) === name)
    .map(decodedValue);
}

/** The query without the parameters named in `names`, every other byte left as it came. */
export function withoutParameters(query: string, names: ReadonlySet<string>): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((part) => !names.has(decodedName(part)))
    .join('&');
}

/** The query part of a raw request URL, without the `?`. */
export function queryOf(rawUrl: string): string {
  const at = rawUrl.indexOf('?');
  return at === -1 ? '' : rawUrl.slice(at + 1);
}

export interface QueryParameter {
  /** As the client wrote it, `name=value`. */
  raw: string;
  /**
   * The name as loosely as any framework might read it: decoded, lower-cased, without `_`, `.`,
   * `-` or spaces (PHP turns `.` and spaces into `_`), and without a `[…]` suffix.
   */
  looseName: string;
  value: string;
}

/** The parameters of a query, split on `&` and on `;` (which some servers also take). */
export function looseParameters(query: string): QueryParameter[] {
  if (query === '') return [];
  return query
    .split(/[&;]/)
    .filter((raw) => raw !== '')
    .map((raw) => ({
      raw,
      looseName: decodedName(raw)
        .toLowerCase()
        .replace(/\[.*$/s, '')
        .replace(/[\s._-]/g, ''),
      value: decodedValue(raw),
    }));
}
