import type { RedisClient } from '@keygate/connections';
import { EVENT_STREAM_FIELD, EventEnvelope } from '@keygate/contracts';

export interface StreamEntry {
  id: string;
  event: EventEnvelope;
}

export async function readEventStream(
  redis: RedisClient,
  stream: string,
  after = '-',
): Promise<StreamEntry[]> {
  const entries = (await redis.xrange(stream, after === '-' ? '-' : `(${after}`, '+')) as Array<
    [string, string[]]
  >;
  return entries.map(([id, fields]) => ({
    id,
    event: JSON.parse(fields[fields.indexOf(EVENT_STREAM_FIELD) + 1]) as EventEnvelope,
  }));
}

/** Polls until `predicate` holds or the time is up; returns how long it took in ms. */
export async function waitFor(
  predicate: () => Promise<boolean> | boolean,
  timeoutMs = 5000,
  intervalMs = 10,
): Promise<number> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return Date.now() - started;
}
