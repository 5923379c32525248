import { AccountLimits, Admission, CallingKey, QuotaLedger, newStepId } from '@keygate/usage';

/** An admission step that failed; `mayHaveRun` unless it certainly never reached Redis. */
export class AdmissionStepError extends Error {
  constructor(
    readonly stepId: string,
    readonly mayHaveRun: boolean,
    cause: unknown,
  ) {
    super(`admission step ${stepId} failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/**
 * One server's ioredis client refuses a command at once, without sending it, when the connection
 * is down. A Cluster client's refusal says nothing of the tries before it (it re-sends a command
 * whose connection closed), so on a Cluster no failed step is taken as unsent (QuotaStore).
 */
export const refusedUnsent = (error: unknown) =>
  /enableOfflineQueue|isn't writeable/.test(String(error));

interface PendingCall {
  call: CallingKey;
  resolve: (admission: Admission) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  accountId: string;
  limits: AccountLimits;
  nowMs: number;
  calls: PendingCall[];
}

/**
 * Gathers the admissions that arrive in one turn of the event loop and sends each account's as
 * one Lua step: under load, one Redis round trip admits many calls; alone, a call waits only for
 * the end of the current turn (setImmediate). The step admits them in arrival order, exactly as
 * one step per call would. Each step has an id the script records, so a step whose reply was
 * lost can be replayed without counting it twice.
 */
export class AdmissionBatcher {
  private readonly batches = new Map<string, Batch>();
  private scheduled = false;

  constructor(
    private readonly ledger: Pick<QuotaLedger, 'admitMany'>,
    private readonly onStep: (calls: number) => void = () => undefined,
    private readonly maxBatch = 256,
    /** True when a failed step certainly never reached Redis (it then needs no step id). */
    private readonly neverSent: (error: unknown) => boolean = refusedUnsent,
  ) {}

  /** `limits`: one object per plan (calls under other limits go in a step of their own). */
  admit(
    accountId: string,
    call: CallingKey,
    limits: AccountLimits,
    nowMs: number,
  ): Promise<Admission> {
    return new Promise((resolve, reject) => {
      let batch = this.batches.get(accountId);
      if (batch && batch.limits !== limits) {
        // The account's plan changed within this turn: the calls before go as they were.
        this.batches.delete(accountId);
        this.sendAll(batch);
        batch = undefined;
      }
      if (!batch) {
        batch = { accountId, limits, nowMs, calls: [] };
        this.batches.set(accountId, batch);
      }
      batch.calls.push({ call, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batches = [...this.batches.values()];
    this.batches.clear();
    for (const batch of batches) this.sendAll(batch);
  }

  private sendAll(batch: Batch): void {
    for (let start = 0; start < batch.calls.length; start += this.maxBatch)
      this.send(batch, batch.calls.slice(start, start + this.maxBatch));
  }

  private send(batch: Batch, calls: PendingCall[]): void {
    this.onStep(calls.length);
    const stepId = newStepId(batch.nowMs);
    this.ledger
      .admitMany(
        batch.accountId,
        calls.map((pending) => pending.call),
        batch.limits,
        batch.nowMs,
        stepId,
      )
      .then(
        (admissions) => calls.forEach((call, i) => call.resolve(admissions[i])),
        (error: unknown) => {
          const failed = new AdmissionStepError(stepId, !this.neverSent(error), error);
          calls.forEach((call) => call.reject(failed));
        },
      );
  }
}
