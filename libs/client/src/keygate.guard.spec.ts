import { presentedKey } from './keygate.guard';

describe(presentedKey.name, () => {
  it('reads the key where the gateway does: X-AUTH-TOKEN, then Bearer, then api-key', () => {
    expect(presentedKey({ 'x-auth-token': 'a', authorization: 'Bearer b', 'api-key': 'c' })).toBe(
      'a',
    );
    expect(presentedKey({ authorization: 'Bearer b', 'api-key': 'c' })).toBe('b');
    expect(presentedKey({ 'api-key': 'c' })).toBe('c');
    expect(presentedKey({ 'x-auth-token': ['first', 'second'] })).toBe('first');
  });

  it('finds no key in an empty header, a Basic authorization or nothing at all', () => {
    expect(presentedKey({})).toBeNull();
    expect(presentedKey({ 'x-auth-token': '  ' })).toBeNull();
    expect(presentedKey({ authorization: 'Basic dXNlcjpwYXNz' })).toBeNull();
    expect(presentedKey({ authorization: 'Bearer ' })).toBeNull();
  });
});
