const { down } = require('../scripts/services');

module.exports = async function globalTeardown() {
  await down(globalThis.__KEYGATE_SERVICES__);
};
