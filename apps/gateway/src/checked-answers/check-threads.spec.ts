import { AnswerCheck, CheckedAnswer } from '../content-scope/answer-check';
import { CheckThreads } from './check-threads';

/** A runner whose checks finish when the test says, recording the order they started in. */
function heldRunner() {
  const started: string[] = [];
  const finishers: Array<() => void> = [];
  const run = (text: Uint8Array, _check: AnswerCheck) =>
    new Promise<CheckedAnswer>((resolve) => {
      started.push(Buffer.from(text).toString());
      finishers.push(() => resolve({ body: text }));
    });
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, started, finishNext };
}

const text = (value: string) => new TextEncoder().encode(value);
const check = { readable: [] };

describe(CheckThreads.name, () => {
  it('runs at most one check per thread', async () => {
    const { run, started, finishNext } = heldRunner();
    const threads = new CheckThreads(2, run);
    const answers = ['a', 'b', 'c'].map((id) => threads.run(id, text(id), check));
    expect(started).toEqual(['a', 'b']);
    await finishNext();
    expect(started).toEqual(['a', 'b', 'c']);
    await finishNext();
    await finishNext();
    expect(await Promise.all(answers)).toHaveLength(3);
  });

  it('takes the accounts in turn, so a flood of one delays another by one check', async () => {
    const { run, started, finishNext } = heldRunner();
    const threads = new CheckThreads(1, run);
    for (let i = 1; i <= 5; i++) void threads.run('flood', text(`flood-${i}`), check);
    void threads.run('bystander', text('bystander'), check);
    await finishNext();
    expect(started).toEqual(['flood-1', 'bystander']);
    await finishNext();
    await finishNext();
    expect(started).toEqual(['flood-1', 'bystander', 'flood-2', 'flood-3']);
  });

  it('passes a failed check on to its caller and goes on with the next', async () => {
    let calls = 0;
    const threads = new CheckThreads(1, async () => {
      if (++calls === 1) throw new Error('thread died');
      return { invalid: 'x' };
    });
    await expect(threads.run('a', text('1'), check)).rejects.toThrow('thread died');
    await expect(threads.run('a', text('2'), check)).resolves.toEqual({ invalid: 'x' });
  });
});
