import { KeyRecord } from '@keygate/contracts';
import { mayRead } from '../authorization/route-permission';
import { answerCheckFor, checkAnswer } from './answer-check';

const key = (rules: KeyRecord['rules']) => ({ rules }) as KeyRecord;
const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const parsed = (answer: ReturnType<typeof checkAnswer>) =>
  JSON.parse(Buffer.from((answer as { body: Uint8Array }).body).toString());

describe(checkAnswer.name, () => {
  const product = {
    id: 'p1',
    internal: { contentType: 'product' },
    categories: [{ id: 'c1', internal: { contentType: 'category' }, secret: 'x' }],
  };

  it('puts references back for what the key may not read, and keeps what it may', () => {
    const answer = checkAnswer(
      text(product),
      answerCheckFor(key([{ resource: 'product', actions: ['read'] }])),
    );
    expect(parsed(answer)).toEqual({
      ...product,
      categories: [{ dataUrl: '/api/v1/content/category/c1', type: 'internal' }],
    });
    const both = checkAnswer(
      text(product),
      answerCheckFor(
        key([
          { resource: 'product', actions: ['read'] },
          { resource: 'category', actions: ['read'] },
        ]),
      ),
    );
    expect(parsed(both)).toEqual(product);
  });

  it('reads exactly as mayRead does for a key without a * read rule', () => {
    const scoped = key([
      { resource: 'product', actions: ['read', 'update'] },
      { resource: 'category', actions: ['update'] },
      { resource: '*', actions: ['create'] },
    ]);
    const { readable } = answerCheckFor(scoped);
    for (const type of ['product', 'category', 'author', '*'])
      expect(readable.includes(type)).toBe(mayRead(scoped, type));
  });

  it('answers invalid for what is not JSON', () => {
    expect(checkAnswer(new TextEncoder().encode('{"a":'), { readable: [] })).toEqual({
      invalid: 'it is not valid JSON',
    });
  });
});
