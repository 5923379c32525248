'use strict';
const path = require('node:path');
const { randomBytes } = require('node:crypto');

const BENCH_METRICS_TOKEN = `bench-${randomBytes(12).toString('hex')}`;

/** Environment for services started by one bench run: a database, stream and queue prefix of its own. */
function benchEnv(state) {
  const id = randomBytes(4).toString('hex');
  return {
    REDIS_URL: state.redisUrl,
    MONGO_URL: state.mongoUrl.replace(/\/[^/]*$/, `/bench_${id}`),
    KEYGATE_EVENT_STREAM: `bench:${id}:events`,
    KEYGATE_QUEUE_PREFIX: `{bench-${id}}`,
    KEYGATE_DATA_DIR: path.join(state.base, 'data'),
    KEYGATE_LOG_LEVEL: 'warn',
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
  };
}

/** What the run's Mongo-wire server is, for the figures' heading. */
function storeName(state) {
  const ferret = state.started.find((s) => s.name === 'ferretdb');
  if (!ferret) return `MongoDB-wire server at ${state.mongoUrl}`;
  return ferret.pgDatabase ? 'FerretDB 1.24.2 on PostgreSQL' : 'FerretDB 1.24.2 on SQLite';
}

/**
 * Waits until the machine is quiet (at least `idleShare` of CPU time idle over a second: a
 * database still indexing or vacuuming after a bulk load skews latency rounds), at most
 * `limitMs`; answers whether it got quiet.
 */
async function waitForQuiet(idleShare = 0.85, limitMs = 120_000) {
  const fs = require('node:fs');
  const sample = () => {
    const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const numbers = fields.map(Number);
    return { idle: numbers[3] + numbers[4], total: numbers.reduce((a, b) => a + b, 0) };
  };
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const before = sample();
    await new Promise((r) => setTimeout(r, 1000));
    const after = sample();
    if ((after.idle - before.idle) / (after.total - before.total) >= idleShare) return true;
  }
  return false;
}

module.exports = { benchEnv, storeName, waitForQuiet, BENCH_METRICS_TOKEN };
