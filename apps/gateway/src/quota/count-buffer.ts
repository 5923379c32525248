import { BufferedStep, UNLABELLED_CALL, minuteOfDay, newStepId, stepIdTime } from '@keygate/usage';

/**
 * Calls admitted without Redis's answer, as steps to replay. A step that may have run in Redis
 * (its reply was lost or timed out) keeps its own id, so the replay script can tell it ran; calls
 * whose step never reached Redis are merged per (account, day) and get a fresh id when taken.
 * Each step keeps its id through retries, so it is applied exactly once.
 */
export class CountBuffer {
  private readonly open = new Map<string, BufferedStep>();
  private readonly taken = new Map<string, BufferedStep>();
  dropped = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.open.size + this.taken.size;
  }

  /** `stepId`: the failed step's id when it may have run; null when it never reached Redis. */
  add(
    stepId: string | null,
    accountId: string,
    keyId: string,
    day: number,
    nowMs: number,
    /** What the call counts (a verification's cost); 1 for a forwarded call. */
    units = 1,
    /** What it used (`resource|action`), counted with it per minute. */
    label = UNLABELLED_CALL,
  ): boolean {
    const id = stepId ?? `${accountId}|${day}`;
    let step = this.open.get(id) ?? (stepId ? this.taken.get(stepId) : undefined);
    if (!step) {
      if (this.size >= this.limit) {
        this.dropped += 1;
        return false;
      }
      step = { stepId: stepId ?? '', accountId, day, counts: {}, uses: {}, lastUsedAt: nowMs };
      this.open.set(id, step);
    }
    step.counts[keyId] = (step.counts[keyId] ?? 0) + units;
    const uses = (step.uses[keyId] ??= {});
    const field = `${minuteOfDay(nowMs)}|${label}`;
    uses[field] = (uses[field] ?? 0) + units;
    step.lastUsedAt = Math.max(step.lastUsedAt, nowMs);
    return true;
  }

  /** Hands out everything not yet replayed, each with a stable step id. */
  take(nowMs: number): BufferedStep[] {
    for (const step of this.open.values()) {
      if (!step.stepId) step.stepId = newStepId(nowMs);
      this.taken.set(step.stepId, step);
    }
    this.open.clear();
    return [...this.taken.values()];
  }

  replayed(stepId: string): void {
    this.taken.delete(stepId);
  }

  /**
   * Drops steps older than `maxAgeMs`: Redis no longer remembers whether they ran, so replaying
   * one could count it twice. Answers how many calls were dropped.
   */
  dropOlderThan(maxAgeMs: number, nowMs: number): number {
    let calls = 0;
    for (const [id, step] of this.taken)
      if (nowMs - stepIdTime(step.stepId) > maxAgeMs) {
        this.taken.delete(id);
        calls += Object.values(step.counts).reduce((a, b) => a + b, 0);
      }
    this.dropped += calls;
    return calls;
  }
}
