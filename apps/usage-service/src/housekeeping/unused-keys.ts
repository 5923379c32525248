import { KeyView } from '@keygate/contracts';
import { DAY_MS, WINDOW_DAYS } from '@keygate/usage';

/**
 * Active keys that made no call in the last 30 days. A key younger than 30 days is not flagged:
 * it has not had the chance to be used for a whole window yet.
 */
export function unusedKeyIds(
  keys: Pick<KeyView, 'id' | 'status' | 'createdAt'>[],
  lastUsedAt: Record<string, number>,
  nowMs: number,
): string[] {
  const cutoff = nowMs - WINDOW_DAYS * DAY_MS;
  return keys
    .filter((key) => key.status === 'active')
    .filter((key) => Date.parse(key.createdAt) <= cutoff)
    .filter((key) => (lastUsedAt[key.id] ?? 0) <= cutoff)
    .map((key) => key.id);
}
