/**
 * Bytes that all checked answers together may hold at once. A reservation waits, first come
 * first served, until it fits; each is at most the whole budget, so every one gets its turn.
 */
export class ByteBudget {
  private available: number;
  private readonly waiting: Array<{ bytes: number; granted: () => void }> = [];

  constructor(readonly total: number) {
    this.available = total;
  }

  get inUse(): number {
    return this.total - this.available;
  }

  /** Nothing held and nobody waiting: the budget can be dropped. */
  get idle(): boolean {
    return this.available === this.total && this.waiting.length === 0;
  }

  /** Granted at once when it fits and nobody waits (no promise, the common case), else queued. */
  reserve(bytes: number): Promise<void> | undefined {
    if (bytes > this.total) throw new RangeError(`${bytes} bytes can never fit ${this.total}`);
    if (this.waiting.length === 0 && bytes <= this.available) {
      this.available -= bytes;
      return undefined;
    }
    return new Promise<void>((granted) => this.waiting.push({ bytes, granted }));
  }

  release(bytes: number): void {
    this.available += bytes;
    while (this.waiting.length > 0 && this.waiting[0].bytes <= this.available) {
      const next = this.waiting.shift()!;
      this.available -= next.bytes;
      next.granted();
    }
  }
}
