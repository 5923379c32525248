import { withUnreadableAsReferences } from './unreadable-objects';

const object = (contentType: string, id: string, fields: Record<string, unknown> = {}) => ({
  id,
  ...fields,
  internal: { contentType, createdAt: '2026-01-01' },
});
const readsProducts = (type: string) => type === 'product';

describe(withUnreadableAsReferences.name, () => {
  it('puts references back for objects of unreadable types at any depth, keeps the rest', () => {
    const answer = {
      data: [
        object('product', 'p1', {
          categories: [object('category', 'c 1', { secret: 'x' })],
          related: { deep: [[object('author', 'a1')]] },
          plain: { internal: 'not metadata' },
        }),
      ],
      total_count: 1,
    };
    expect(withUnreadableAsReferences(answer, readsProducts)).toEqual({
      data: [
        {
          id: 'p1',
          categories: [{ dataUrl: '/api/v1/content/category/c%201', type: 'internal' }],
          related: { deep: [[{ dataUrl: '/api/v1/content/author/a1', type: 'internal' }]] },
          plain: { internal: 'not metadata' },
          internal: { contentType: 'product', createdAt: '2026-01-01' },
        },
      ],
      total_count: 1,
    });
  });

  it('replaces search records of other types that an upstream returned anyway', () => {
    const answer = { data: [{ item: object('blogpost', 'b1'), score: 2 }] };
    expect(withUnreadableAsReferences(answer, readsProducts)).toEqual({
      data: [{ item: { dataUrl: '/api/v1/content/blogpost/b1', type: 'internal' }, score: 2 }],
    });
  });

  it('survives an answer nested far deeper than the stack', () => {
    let deep: unknown = object('category', 'c1');
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const checked = withUnreadableAsReferences(deep, readsProducts);
    let inner = checked;
    while (Array.isArray(inner)) inner = inner[0];
    expect(inner).toEqual({ dataUrl: '/api/v1/content/category/c1', type: 'internal' });
  });
});
