import { ValidationError } from '@keygate/contracts';
import { looseParameters } from '../edge/query-parameters';

export type HydrationLevel = 0 | 1 | 2;

/**
 * The hydration a content read asks for, and the query to forward it with: every spelling of
 * `hydrate` an upstream might read replaced by one `hydrate=N`, so the gateway knows exactly
 * when relations come back embedded. More than one, or a level other than 0, 1 or 2, is a 400.
 */
export function scopedHydration(query: string): { query: string; level: HydrationLevel } {
  const parameters = looseParameters(query);
  const asked = parameters.filter((parameter) => parameter.looseName === 'hydrate');
  if (asked.length === 0) return { query, level: 0 };
  if (asked.length > 1 || !/^[012]$/.test(asked[0].value))
    throw ValidationError.of('hydrate', 'must be 0, 1 or 2, given once');
  const level = Number(asked[0].value) as HydrationLevel;
  const kept = parameters
    .filter((parameter) => parameter.looseName !== 'hydrate')
    .map((parameter) => parameter.raw);
  if (level > 0) kept.push(`hydrate=${level}`);
  return { query: kept.join('&'), level };
}
