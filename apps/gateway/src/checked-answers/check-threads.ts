import { join } from 'node:path';
import { Piscina } from 'piscina';
import { AnswerCheck, CheckedAnswer, ownBuffer } from '../content-scope/answer-check';

interface Task {
  text: Uint8Array;
  check: AnswerCheck;
  done: (answer: CheckedAnswer) => void;
  failed: (error: unknown) => void;
}

/** Runs one check on a thread; a test gives its own. */
export type CheckRunner = (text: Uint8Array, check: AnswerCheck) => Promise<CheckedAnswer>;

/**
 * Large answers are parsed, checked and serialised on worker threads, never on the event loop.
 * Each account's checks wait in their own line, and a free thread takes the line of the account
 * served longest ago, so a flood of one account's checks delays another's by the checks already
 * running, never by the flood's queue.
 */
export class CheckThreads {
  private readonly lines = new Map<string, Task[]>();
  /** When each account with checks waiting or running was last served (a running count). */
  private readonly lastServed = new Map<string, number>();
  private readonly runningOf = new Map<string, number>();
  private served = 0;
  private running = 0;

  constructor(
    private readonly threads: number,
    private readonly runner: CheckRunner,
  ) {}

  run(accountId: string, text: Uint8Array, check: AnswerCheck): Promise<CheckedAnswer> {
    return new Promise((done, failed) => {
      const line = this.lines.get(accountId);
      const task = { text, check, done, failed };
      if (line) line.push(task);
      else this.lines.set(accountId, [task]);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.running < this.threads && this.lines.size > 0) {
      const accountId = this.leastRecentlyServed();
      const line = this.lines.get(accountId)!;
      const task = line.shift()!;
      if (line.length === 0) this.lines.delete(accountId);
      this.lastServed.set(accountId, ++this.served);
      this.runningOf.set(accountId, (this.runningOf.get(accountId) ?? 0) + 1);
      this.running++;
      this.runner(task.text, task.check)
        .then(task.done, task.failed)
        .finally(() => {
          this.running--;
          const left = this.runningOf.get(accountId)! - 1;
          if (left > 0) this.runningOf.set(accountId, left);
          else this.runningOf.delete(accountId);
          if (left === 0 && !this.lines.has(accountId)) this.lastServed.delete(accountId);
          this.dispatch();
        });
    }
  }

  /** The waiting account served longest ago (or never): the next in turn. */
  private leastRecentlyServed(): string {
    let chosen = '';
    let chosenAt = Infinity;
    for (const accountId of this.lines.keys()) {
      const at = this.lastServed.get(accountId) ?? 0;
      if (at < chosenAt) [chosen, chosenAt] = [accountId, at];
    }
    return chosen;
  }
}

/** Run from TypeScript sources (the specs), a thread compiles them as the specs' processes do. */
const TS_REGISTER = join(__dirname, '../../../../libs/testing/ts-register.js');

/**
 * A pool of `threads` check threads (piscina), started on first use; built, the threads load the
 * compiled worker.
 */
export function checkThreadPool(threads: number): { run: CheckRunner; close: () => Promise<void> } {
  let pool: Piscina | null = null;
  const fromSource = __filename.endsWith('.ts');
  const start = () =>
    new Piscina({
      filename: join(__dirname, `answer-check.worker.${fromSource ? 'ts' : 'js'}`),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      // A parse far larger than any answer the limit lets through ends the thread, not the gateway.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
      execArgv: fromSource ? ['--require', TS_REGISTER] : [],
    });
  return {
    run: async (text, check) => {
      pool ??= start();
      const bytes = ownBuffer(text);
      const answer = (await pool.run(
        { text: bytes, check },
        { transferList: [bytes.buffer as ArrayBuffer] },
      )) as Uint8Array | { invalid: string };
      // The thread moves a checked body back bare (only a bare value can be moved).
      return answer instanceof Uint8Array ? { body: answer } : answer;
    },
    close: async () => {
      await pool?.destroy();
      pool = null;
    },
  };
}
