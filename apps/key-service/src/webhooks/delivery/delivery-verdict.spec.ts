import { verdictOf } from './delivery-verdict';

const schedule = [5_000, 300_000, 1_800_000];
const now = new Date('2026-12-06T12:00:00Z');

describe('what an attempt makes of a delivery', () => {
  it('is delivered on any 2xx', () => {
    for (const status of [200, 201, 204, 299])
      expect(verdictOf(status, 1, schedule, now)).toEqual({ status: 'delivered' });
  });

  it('retries after the schedule’s wait for the attempt made', () => {
    expect(verdictOf(500, 1, schedule, now)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + 5_000),
    });
    expect(verdictOf(null, 3, schedule, now)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + 1_800_000),
    });
    // A redirect is not followed: it is a failed attempt like any other.
    expect(verdictOf(301, 2, schedule, now)).toMatchObject({ status: 'pending' });
  });

  it('dead-letters once the schedule has run out', () => {
    expect(verdictOf(503, 4, schedule, now)).toEqual({
      status: 'failed',
      reason: 'no success after 4 attempts',
      disableEndpoint: false,
    });
  });

  it('disables the endpoint on 410 Gone, without retrying', () => {
    expect(verdictOf(410, 1, schedule, now)).toMatchObject({
      status: 'failed',
      disableEndpoint: true,
    });
  });
});
