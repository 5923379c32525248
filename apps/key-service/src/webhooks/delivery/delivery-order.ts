/** A delivery waiting to be sent, as far as its order goes. */
export interface QueuedDelivery {
  /** Endpoint and subject: deliveries of one chain go out one at a time, in `seq` order. */
  chain: string;
  seq: string;
  nextAttemptAt: Date;
}

/**
 * The deliveries that may be tried now: each the first unfinished delivery of its chain, and
 * due. A later delivery of a chain waits for the earlier (through its retries), so a receiver
 * hears of one key's events in the order they happened; other chains are not held up.
 * `pending` must hold every unfinished delivery of the chains it names.
 */
export function dueHeads<D extends QueuedDelivery>(pending: readonly D[], now: Date): D[] {
  const heads = new Map<string, D>();
  for (const delivery of pending) {
    const head = heads.get(delivery.chain);
    if (!head || delivery.seq < head.seq) heads.set(delivery.chain, delivery);
  }
  return [...heads.values()]
    .filter((head) => head.nextAttemptAt.getTime() <= now.getTime())
    .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
}

/** A Redis stream entry id (`1733500000000-3`) as a string that sorts in stream order. */
export function seqOf(streamEntryId: string): string {
  const [ms, n = '0'] = streamEntryId.split('-');
  return `${ms.padStart(15, '0')}-${n.padStart(6, '0')}`;
}
