import { isStoreUnavailable } from './store-unavailable';

const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe(isStoreUnavailable.name, () => {
  it.each([
    [
      'a Cluster out of redirections',
      new Error('Too many Cluster redirections. Last error: Error: Connection is closed.'),
    ],
    ['a slot without a master', new Error('CLUSTERDOWN The cluster is down')],
    [
      'a multi-key command during a slot move',
      new Error('TRYAGAIN Multiple keys request during rehashing of slot'),
    ],
    [
      'a replica answering a write after a failover',
      new Error("READONLY You can't write against a read only replica."),
    ],
    ['a dropped connection', new Error('Connection is closed.')],
    ['a refused connection', new Error('connect ECONNREFUSED 127.0.0.1:6379')],
    [
      'ioredis out of retries',
      named('MaxRetriesPerRequestError', 'Reached the max retries per request limit'),
    ],
    ['MongoDB out of reach', named('MongoServerSelectionError')],
    ['MongoDB dropping the connection', named('MongoNetworkError')],
  ])('calls %s a store that is unavailable', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a script error', new Error('ERR Error running script: attempt to compare nil with number')],
    [
      'a wrong-type command',
      new Error('WRONGTYPE Operation against a key holding the wrong kind of value'),
    ],
    ['a duplicate key', named('MongoServerError', 'E11000 duplicate key error')],
    ['something not an Error', 'Connection is closed.'],
  ])('does not excuse %s', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});
