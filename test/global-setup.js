// Starts throw-away Redis and FerretDB for the integration specs (or uses REDIS_URL/MONGO_URL).
const { up } = require('../scripts/services');

module.exports = async function globalSetup() {
  const state = await up({ mode: 'test' });
  globalThis.__KEYGATE_SERVICES__ = state;
  process.env.REDIS_URL = state.redisUrl;
  process.env.MONGO_URL = state.mongoUrl;
};
