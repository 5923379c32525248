import { StopSignal } from './stop-signal';

describe(StopSignal.name, () => {
  it('answers what a command answers while not stopped', async () => {
    const signal = new StopSignal();
    expect(await signal.unless(Promise.resolve('answer'), 'stopped')).toBe('answer');
    expect(signal.isStopped).toBe(false);
  });

  it('answers `otherwise` at once for a command that never settles, once stopped', async () => {
    const signal = new StopSignal();
    const never = new Promise<string>(() => undefined);
    const answer = signal.unless(never, 'stopped');
    signal.stop();
    expect(await answer).toBe('stopped');
    expect(signal.isStopped).toBe(true);
  });

  it('ends a pause when stopped, and leaves a later failure of the command unhandled by no one', async () => {
    const signal = new StopSignal();
    let fail!: (error: Error) => void;
    const failing = new Promise<string>((_, reject) => (fail = reject));
    const paused = signal.pause(60_000);
    const answer = signal.unless(failing, 'stopped');
    signal.stop();
    await paused;
    expect(await answer).toBe('stopped');
    fail(new Error('Connection is closed.')); // caught inside: no unhandled rejection
  });
});
