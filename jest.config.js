// Two projects: fast unit specs beside the code, and integration specs that need the real
// Redis and Mongo-wire server started by scripts/services.js (see test/global-setup.js).
const moduleNameMapper = {
  '^@keygate/(config|contracts|key-secret|connections|testing|usage|http|client|webhooks)$':
    '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/apps', '<rootDir>/libs'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
      testMatch: ['**/*.int-spec.ts'],
      moduleNameMapper,
      transform,
      globalSetup: '<rootDir>/test/global-setup.js',
      globalTeardown: '<rootDir>/test/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/test/integration-timeout.js'],
    },
  ],
};
