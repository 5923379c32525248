import { KeyRecord, MissingPermissionError } from '@keygate/contracts';
import {
  describePermission,
  mayRead,
  readableTypes,
  readsEveryType,
} from '../authorization/route-permission';
import { looseParameters } from '../edge/query-parameters';

// `content_type[]`, and every spelling an upstream framework may read as it (see looseParameters).
const isContentTypeParameter = (looseName: string) => looseName.startsWith('contenttype');

/**
 * The query a search by this key is forwarded with. Every content type it names must be one the
 * key may read (403 naming the first it may not). A key that reads every type searches as it
 * asked; any other key's search names exactly the types it may search, in one spelling
 * (`content_type[]`), so the upstream cannot answer with others.
 */
export function scopedSearchQuery(key: KeyRecord, query: string): string {
  const parameters = looseParameters(query);
  const named = [
    ...new Set(
      parameters
        .filter((parameter) => isContentTypeParameter(parameter.looseName))
        .flatMap((parameter) => parameter.value.split(','))
        .map((type) => type.trim())
        .filter((type) => type !== ''),
    ),
  ];
  for (const type of named)
    if (!mayRead(key, type))
      throw new MissingPermissionError(
        describePermission({ kind: 'content', resource: type, action: 'read' }),
      );
  if (readsEveryType(key)) return query;
  const types = named.length > 0 ? named : readableTypes(key);
  if (types.length === 0) throw new MissingPermissionError(describePermission({ kind: 'search' }));
  return [
    ...parameters
      .filter((parameter) => !isContentTypeParameter(parameter.looseName))
      .map((parameter) => parameter.raw),
    ...types.map((type) => `content_type%5B%5D=${encodeURIComponent(type)}`),
  ].join('&');
}
