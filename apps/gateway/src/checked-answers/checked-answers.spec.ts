import { Readable } from 'node:stream';
import { GatewayConfig } from '@keygate/config';
import { UpstreamAnswerUncheckedError } from '@keygate/contracts';
import { CheckedAnswers } from './checked-answers';

const config = (upstream: Partial<GatewayConfig['upstream']>) =>
  ({
    upstream: {
      checkedAnswerLimitBytes: 100,
      checkedAnswerBytesInFlight: 250,
      checkedAnswerBytesPerAccount: 100,
      checkThreads: 1,
      ...upstream,
    },
  }) as GatewayConfig;

const body = (bytes: number) => Readable.from([Buffer.alloc(bytes, 'x')]);
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe(CheckedAnswers.name, () => {
  let answers: CheckedAnswers;
  afterEach(() => answers.onApplicationShutdown());

  it('holds an account to its share while other accounts read on', async () => {
    answers = new CheckedAnswers(config({}));
    const first = await answers.read('flood', body(80), 80);
    let secondRead = false;
    const second = answers.read('flood', body(80), 80).then((held) => {
      secondRead = true;
      return held;
    });
    const other = await answers.read('bystander', body(80), 80);
    await settled();
    expect(secondRead).toBe(false); // 160 bytes would pass the flood's share of 100
    other.release();
    first.release();
    (await second).release();
    expect(secondRead).toBe(true);
  });

  it('holds all accounts together to the whole budget', async () => {
    answers = new CheckedAnswers(config({}));
    const held = await Promise.all(['a', 'b', 'c'].map((id) => answers.read(id, body(80), 80)));
    let fourthRead = false;
    const fourth = answers.read('d', body(80), 80).then((h) => ((fourthRead = true), h));
    await settled();
    expect(fourthRead).toBe(false); // 320 bytes would pass 250
    held[0].release();
    (await fourth).release();
    held.slice(1).forEach((h) => h.release());
  });

  it('reserves the limit for an undeclared length and gives back what it did not use', async () => {
    answers = new CheckedAnswers(config({}));
    const small = await answers.read('a', body(10), null);
    // 10 held of the account's 100: a declared 90 fits at once.
    expect(answers.bytesInUse).toBe(10);
    const next = await answers.read('a', body(90), 90);
    expect(answers.bytesInUse).toBe(100);
    small.release();
    next.release();
    expect(answers.bytesInUse).toBe(0);
  });

  it('refuses an answer past the limit, declared or not, and gives its bytes back', async () => {
    answers = new CheckedAnswers(config({}));
    await expect(answers.read('a', body(101), 101)).rejects.toBeInstanceOf(
      UpstreamAnswerUncheckedError,
    );
    await expect(answers.read('a', body(101), null)).rejects.toBeInstanceOf(
      UpstreamAnswerUncheckedError,
    );
    await expect(answers.read('a', body(50), 40)).rejects.toBeInstanceOf(
      UpstreamAnswerUncheckedError,
    );
    (await answers.read('a', body(100), 100)).release(); // the whole share is free again
  });

  it('checks a small answer inline and refuses what is not JSON', async () => {
    answers = new CheckedAnswers(config({}));
    const text = Buffer.from(
      JSON.stringify({
        id: 'p',
        internal: { contentType: 'product' },
        c: { id: 'c', internal: { contentType: 'category' } },
      }),
    );
    const checked = await answers.check('a', text, { readable: ['product'] });
    expect(JSON.parse(Buffer.from(checked).toString()).c).toEqual({
      dataUrl: '/api/v1/content/category/c',
      type: 'internal',
    });
    await expect(answers.check('a', Buffer.from('{'), { readable: [] })).rejects.toBeInstanceOf(
      UpstreamAnswerUncheckedError,
    );
  });
});
