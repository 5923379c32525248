/**
 * The order of a key's decisions, newest first: refusals by when they were refused (then their
 * stream entry), admitted calls per minute at the minute's start. Within one millisecond a refusal
 * comes before the minute that starts there, and a minute's labels run in descending order.
 * A page's cursor is the last decision's place in that order.
 */
export type DecisionPlace =
  { kind: 'refused'; time: number; id: string } | { kind: 'admitted'; time: number; label: string };

/**
 * The stored id of a refusal: when the gateway refused it, then its stream entry id (`ms-seq`),
 * zero-padded so that ids sort by refusal time (gateways flush on their own timers, so entries
 * arrive out of that order), then by entry (`seq` may be 10+). Unique per entry: a record read
 * twice is stored once.
 */
export function decisionIdOf(entryId: string, refusedAtMs: number): string {
  const [ms, seq] = entryId.split('-');
  const pad = (digits: string | undefined, width: number) => (digits ?? '0').padStart(width, '0');
  return `${pad(String(refusedAtMs), 15)}-${pad(ms, 15)}-${pad(seq, 10)}`;
}

/** When a stored decision was refused (ms). */
export const timeOfDecisionId = (id: string): number => Number(id.slice(0, id.indexOf('-')));

/** Below every stored id of `time` and above every earlier one. */
export const decisionIdsBefore = (time: number): string => `${String(time).padStart(15, '0')}-`;

/** Negative when `a` comes before `b` (newer first). */
export function compareDecisions(a: DecisionPlace, b: DecisionPlace): number {
  if (a.time !== b.time) return b.time - a.time;
  if (a.kind !== b.kind) return a.kind === 'refused' ? -1 : 1;
  const left = a.kind === 'refused' ? a.id : a.label;
  const right = b.kind === 'refused' ? b.id : (b as { label: string }).label;
  return left < right ? 1 : left > right ? -1 : 0;
}

export function cursorOf(place: DecisionPlace): string {
  return place.kind === 'refused' ? `r.${place.id}` : `a.${place.time}.${place.label}`;
}

/** A cursor's place, or null when it is not one this order made. */
export function placeOfCursor(cursor: string): DecisionPlace | null {
  if (cursor.startsWith('r.')) {
    const id = cursor.slice(2);
    return /^\d{15}-\d{15}-\d{10}$/.test(id)
      ? { kind: 'refused', time: timeOfDecisionId(id), id }
      : null;
  }
  const match = /^a\.(\d{1,15})\.(.+\|.+)$/.exec(cursor);
  return match ? { kind: 'admitted', time: Number(match[1]), label: match[2] } : null;
}
