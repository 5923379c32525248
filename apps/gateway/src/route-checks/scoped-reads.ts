import { KeyRecord } from '@keygate/contracts';
import { readsEveryType } from '../authorization/route-permission';
import { CanonicalTarget } from '../edge/canonical-target';
import { ForwardPlan } from './forward-plan';
import { answerCheckFor } from '../content-scope/answer-check';
import { scopedHydration } from '../content-scope/hydration-scope';
import { scopedSearchQuery } from '../content-scope/search-scope';

/**
 * GET /api/v1/search: narrowed to the types the key may read, and for a scoped key the answer is
 * checked too, so an upstream that ignores the narrowing still returns only references.
 */
export function searchPlan(key: KeyRecord, method: string, target: CanonicalTarget): ForwardPlan {
  const query = scopedSearchQuery(key, target.query);
  if (readsEveryType(key) || method === 'HEAD') return { query };
  return { query, answer: answerCheckFor(key) };
}

/**
 * A content read by a key that may not read every type: hydration asked for in one spelling,
 * and a hydrated answer checked for embedded objects of other types. An unhydrated read streams
 * as it came (the hot path pays for one scan of the query).
 */
export function contentReadPlan(
  key: KeyRecord,
  method: string,
  target: CanonicalTarget,
): ForwardPlan | undefined {
  if ((method !== 'GET' && method !== 'HEAD') || target.query === '' || readsEveryType(key))
    return undefined;
  const { query, level } = scopedHydration(target.query);
  if (level === 0 || method === 'HEAD') return query === target.query ? undefined : { query };
  return { query, answer: answerCheckFor(key) };
}
