/**
 * Query parameters read the way form decoders and Fastify read them ('+' is a space, %XX
 * decoded, a name that does not decode is taken as written), so a credential cannot hide from
 * the gateway behind an encoding the upstream would still understand.
 */
export function decodedName(part: string): string {
  const equals = part.indexOf('=');
  const raw = (equals === -1 ? part : part.slice(0, equals)).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function decodedValue(part: string): string {
  const equals = part.indexOf('=');
  if (equals === -1) return '';
  const raw = part.slice(equals + 1).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
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
