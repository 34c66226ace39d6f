// Three tiers, named by file suffix: *.spec.ts (pure), *.int-spec.ts (database), *.e2e-spec.ts (HTTP).
// Nest 12 and jose 6 are ESM-only; Jest on Node 20 cannot require() ESM, so @swc/jest compiles them to CommonJS too.
const base = {
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { swcrc: true }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|load-esm|file-type|jose)/)'],
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{workflows,src,test,scripts}/**/*.spec.ts'] },
    // Database and HTTP tests share two cores with PostgreSQL: test/setup/timeout.ts gives tests and hooks 120 s.
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{src,test}/**/*.int-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{src,test}/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'] },
  ],
};
