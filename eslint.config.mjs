import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

// Import boundaries, held by the tool: apps never import other apps (what two apps share lives
// in libs/), libs never import apps, and domain code (aggregates, contracts, secrets, the
// gateway's authorization and content scoping) imports no framework, database or Redis client.
const APPS = ['gateway', 'panel', 'key-service', 'usage-service'];
const DOMAIN = [
  'apps/key-service/src/domain/**/*.ts',
  'apps/key-service/src/shared/**/*.ts',
  'apps/gateway/src/authorization/**/*.ts',
  'apps/gateway/src/content-scope/**/*.ts',
  'apps/gateway/src/edge/canonical-target.ts',
  'libs/contracts/src/**/*.ts',
  'libs/key-secret/src/**/*.ts',
];
const otherApps = (app) => ({
  group: APPS.filter((a) => a !== app).flatMap((a) => [`**/apps/${a}/**`, `**/${a}/src/**`]),
  message: 'Apps never import other apps: move what both need to libs/.',
});
const noApps = { group: ['**/apps/**'], message: 'Libs never import apps.' };
const frameworkFree = {
  group: ['@nestjs/*', 'mongoose', 'ioredis', 'bullmq', 'fastify', 'passport*'],
  message: 'Domain code stays free of frameworks, databases and Redis.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.keygate/**', 'tools/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  ...APPS.map((app) => ({ files: [`apps/${app}/**/*.ts`], rules: restrict(otherApps(app)) })),
  { files: ['libs/**/*.ts'], rules: restrict(noApps) },
  ...APPS.map((app) => ({
    files: DOMAIN.filter((glob) => glob.startsWith(`apps/${app}/`)),
    rules: restrict(otherApps(app), frameworkFree),
  })).filter((config) => config.files.length > 0),
  {
    files: DOMAIN.filter((glob) => glob.startsWith('libs/')),
    rules: restrict(noApps, frameworkFree),
  },
  // Specs are held to what makes a test mean something: nothing focused or skipped, every test
  // asserts (expect, or a helper that throws when its condition never comes: waitFor).
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'waitFor'] }],
      // describe(ClassName.name), as STYLE.md asks: the name follows a rename.
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
    },
  },
);
