import { encodeSegment } from '../edge/canonical-target';

interface ContentObject {
  id?: unknown;
  internal: { contentType: unknown };
}

const isContentObject = (value: unknown): value is ContentObject =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as ContentObject).internal === 'object' &&
  (value as ContentObject).internal !== null &&
  'contentType' in (value as ContentObject).internal;

/** Flotiq's reference to an object: what an unhydrated relation holds. */
function referenceTo(object: ContentObject): { dataUrl: string; type: 'internal' } {
  const type = encodeSegment(String(object.internal.contentType));
  const id = object.id === undefined ? '' : `/${encodeSegment(String(object.id))}`;
  return { dataUrl: `/api/v1/content/${type}${id}`, type: 'internal' };
}

/**
 * Walks a JSON answer and puts back the reference (`{dataUrl, type: "internal"}`) for every
 * embedded content object whose `internal.contentType` the key may not read, however deep.
 * Changes the document in place (it is the gateway's own parse) and answers it. Iterative, so a
 * deeply nested answer cannot exhaust the stack.
 */
export function withUnreadableAsReferences(
  document: unknown,
  mayRead: (contentType: string) => boolean,
): unknown {
  const checked = (value: unknown) =>
    isContentObject(value) && !mayRead(String(value.internal.contentType))
      ? referenceTo(value)
      : value;
  const root = checked(document);
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    for (const field of Object.keys(record)) {
      const value = record[field];
      const replaced = checked(value);
      if (replaced !== value) record[field] = replaced;
      else if (typeof value === 'object' && value !== null) pending.push(value);
    }
  }
  return root;
}
