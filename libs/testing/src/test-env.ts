import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Environment for one test file: the real Redis and Mongo-wire server started by the global
 * setup, with a database, event stream and queue prefix of its own so files cannot interfere.
 */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const redisUrl = process.env.REDIS_URL;
  const mongoUrl = process.env.MONGO_URL;
  if (!redisUrl || !mongoUrl)
    throw new Error('REDIS_URL and MONGO_URL must be set (run the tests with npm test)');
  const id = randomBytes(4).toString('hex');
  const mongo = new URL(mongoUrl);
  mongo.pathname = `/kg_test_${id}`;
  return {
    NODE_ENV: 'test',
    REDIS_URL: redisUrl,
    MONGO_URL: mongo.toString(),
    KEYGATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kg-data-')),
    KEYGATE_EVENT_STREAM: `kg-test:${id}:events`,
    KEYGATE_QUEUE_PREFIX: `{kg-test-${id}}`,
    KEYGATE_REDIS_NAMESPACE: `kg-test:${id}`,
    // Every spec signs up from 127.0.0.1; the sign-up limit has its own spec.
    PANEL_SIGNUP_LIMIT: '1000',
    KEY_PEPPER: randomBytes(32).toString('hex'),
    KEYGATE_LOG_LEVEL: 'warn',
    ...overrides,
  };
}
