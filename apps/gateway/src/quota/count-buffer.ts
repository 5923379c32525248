import { randomUUID } from 'node:crypto';
import { BufferedCount } from '@keygate/usage';

/**
 * Calls admitted while Redis was unreachable, per (account, key, day). Each counter gets its
 * batch id when it is taken for replay and keeps it through retries, so the replay script can
 * apply it exactly once.
 */
export class CountBuffer {
  private readonly open = new Map<string, Omit<BufferedCount, 'batchId'>>();
  private readonly taken: BufferedCount[] = [];
  dropped = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.open.size + this.taken.length;
  }

  add(accountId: string, keyId: string, day: number, nowMs: number): boolean {
    const id = `${accountId}|${keyId}|${day}`;
    const current = this.open.get(id);
    if (current) {
      current.count += 1;
      current.lastUsedAt = nowMs;
      return true;
    }
    if (this.size >= this.limit) {
      this.dropped += 1;
      return false;
    }
    this.open.set(id, { accountId, keyId, day, count: 1, lastUsedAt: nowMs });
    return true;
  }

  /** Hands out everything not yet replayed, each with a stable batch id. */
  take(): BufferedCount[] {
    for (const count of this.open.values()) this.taken.push({ ...count, batchId: randomUUID() });
    this.open.clear();
    return [...this.taken];
  }

  replayed(batchId: string): void {
    const at = this.taken.findIndex((c) => c.batchId === batchId);
    if (at >= 0) this.taken.splice(at, 1);
  }
}
