import { KeyRecord } from '@keygate/contracts';
import { readableTypes } from '../authorization/route-permission';
import { withUnreadableAsReferences } from './unreadable-objects';

/**
 * What a checked answer is held to, as plain data: it may be checked on another thread. For a
 * key without a `*` read rule, the content types it may read are exactly those its rules name.
 */
export interface AnswerCheck {
  readable: string[];
}

export const answerCheckFor = (key: KeyRecord): AnswerCheck => ({ readable: readableTypes(key) });

export type CheckedAnswer = { body: Uint8Array } | { invalid: string };

/**
 * An upstream's JSON answer, parsed, with every embedded object the key may not read replaced
 * by its reference, and serialised again; an answer that is not JSON is `invalid`, never passed
 * on.
 */
export function checkAnswer(text: Uint8Array, check: AnswerCheck): CheckedAnswer {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString());
  } catch {
    return { invalid: 'it is not valid JSON' };
  }
  const readable = new Set(check.readable);
  const checked = withUnreadableAsReferences(document, (type) => readable.has(type));
  return { body: Buffer.from(JSON.stringify(checked), 'utf8') };
}

/** The bytes in a buffer of their own: a view of a shared one (Node's pool) cannot be moved. */
export const ownBuffer = (bytes: Uint8Array): Uint8Array =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
