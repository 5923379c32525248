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

module.exports = { benchEnv, BENCH_METRICS_TOKEN };
