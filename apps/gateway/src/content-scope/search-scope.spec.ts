import { KeyRecord } from '@keygate/contracts';
import { keyRecord } from '../../test/key-record';
import { scopedSearchQuery } from './search-scope';
import { scopedHydration } from './hydration-scope';

const key = (rules: KeyRecord['rules']) => keyRecord({ rules });
const reader = key([
  { resource: 'product', actions: ['read'] },
  { resource: 'category', actions: ['read', 'create'] },
  { resource: 'author', actions: ['create'] },
]);

describe(scopedSearchQuery.name, () => {
  it('narrows a search that names no type to every type the key reads', () => {
    expect(scopedSearchQuery(reader, 'q=a;page=2')).toBe(
      'q=a&page=2&content_type%5B%5D=product&content_type%5B%5D=category',
    );
  });

  it('keeps the readable types named, in one spelling, once each', () => {
    expect(scopedSearchQuery(reader, 'content_type=product,category&Content.Type[1]=product')).toBe(
      'content_type%5B%5D=product&content_type%5B%5D=category',
    );
  });

  it('refuses, naming it, a type the key may not read', () => {
    expect(() => scopedSearchQuery(reader, 'q=x&content%5Ftype[]=author')).toThrow(/author:read/);
  });

  it('leaves the search of a key that reads everything as it came', () => {
    const all = key([{ resource: '*', actions: ['read'] }]);
    expect(scopedSearchQuery(all, 'q=a&contentType=x')).toBe('q=a&contentType=x');
  });

  it('refuses a key that reads nothing', () => {
    expect(() => scopedSearchQuery(key([{ resource: 'x', actions: ['create'] }]), 'q=a')).toThrow(
      /read on some content type/,
    );
  });
});

describe(scopedHydration.name, () => {
  it('asks for hydration in one spelling, and not at all for level 0', () => {
    expect(scopedHydration('limit=2&HY.DRATE[]=2')).toEqual({
      query: 'limit=2&hydrate=2',
      level: 2,
    });
    expect(scopedHydration('hydrate=0&limit=2')).toEqual({ query: 'limit=2', level: 0 });
    expect(scopedHydration('limit=2')).toEqual({ query: 'limit=2', level: 0 });
  });

  it('refuses a level it cannot vouch for', () => {
    for (const query of ['hydrate=3', 'hydrate=', 'hydrate=1&hydrate=1', 'hydrate=1;hydrate=2'])
      expect(() => scopedHydration(query)).toThrow(/hydrate/);
  });
});
