/**
 * Tells a loop over Redis commands to stop, and lets it stop at once: a command queued while
 * Redis is away may never settle by itself (ioredis keeps it for the reconnection), so each
 * command the loop awaits races the signal.
 */
export class StopSignal {
  private stopped = false;
  private resolve!: () => void;
  private readonly signal = new Promise<void>((resolve) => (this.resolve = resolve));

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    this.stopped = true;
    this.resolve();
  }

  /** What the command answers, or `otherwise` once stopped (the command is left to settle or not). */
  unless<T>(command: Promise<T>, otherwise: T): Promise<T> {
    command.catch(() => undefined);
    return Promise.race([command, this.signal.then(() => otherwise)]);
  }

  /** Waits `ms`, or less when stopped meanwhile. */
  async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise((resume) => (timer = setTimeout(resume, ms))), this.signal]);
    clearTimeout(timer);
  }
}
