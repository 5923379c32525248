/** A Redis stream entry id (`1733500000000-3`) as a string that sorts in stream order. */
export function seqOf(streamEntryId: string): string {
  const [ms, n = '0'] = streamEntryId.split('-');
  return `${ms.padStart(15, '0')}-${n.padStart(6, '0')}`;
}
