import { IncomingHttpHeaders } from 'node:http';
import { adoptRequestId, requestIdOf } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(requestIdOf.name, () => {
  it.each(['0f8fad5b-d9cb-469f-a165-70867728950e', 'req_2026.12.06:abc-XYZ', 'a'.repeat(128)])(
    'keeps a client’s id that is one short token: %s',
    (id) => expect(requestIdOf(id)).toBe(id),
  );

  it.each([
    ['none', undefined],
    ['empty', ''],
    ['too short', 'abc'],
    ['too long', 'a'.repeat(129)],
    ['spaces', 'my request 1234'],
    ['a line break', 'abcdefgh\r\nx-evil: 1'],
    ['sent twice', ['abcdefgh1', 'abcdefgh2']],
  ])('makes a new one for %s', (_, header) => {
    const id = requestIdOf(header);
    expect(id).toMatch(UUID);
    expect(requestIdOf(header)).not.toBe(id);
  });
});

describe(adoptRequestId.name, () => {
  it('writes the settled id back on the headers and answers it', () => {
    const kept: IncomingHttpHeaders = { 'x-request-id': 'req_client-0001' };
    expect(adoptRequestId(kept)).toBe('req_client-0001');
    const replaced: IncomingHttpHeaders = { 'x-request-id': 'not one token' };
    const id = adoptRequestId(replaced);
    expect(id).toMatch(UUID);
    expect(replaced['x-request-id']).toBe(id);
  });
});
