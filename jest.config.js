// Four tiers, named by file suffix: *.spec.ts (pure), *.int-spec.ts (database), *.e2e-spec.ts (HTTP),
// *.browser-spec.ts (the web console in Chromium).
// Nest 12, jose 6 and content-disposition 3 (through @fastify/static) are ESM-only; Jest on Node 20 cannot require() ESM, so @swc/jest compiles them to CommonJS too.
const base = {
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { swcrc: true }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|load-esm|file-type|jose|@fastify/static|content-disposition)/)'],
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  // Each file gets a fresh worker once one has grown past 1 GB: in one process (in band, as Jest runs on
  // two cores) every app a file starts stays on the heap, and by the 60th file the GC thrashes.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
  // A worker leaves no handles open, yet its natural exit (V8 tearing down a heap of several hundred MB,
  // munmap page by page) takes 0.3–1.5 s on two busy cores; Jest's default grace of 500 ms then kills it
  // and warns "A worker process has failed to exit gracefully". Real leaks would still hit this limit.
  workerGracefulExitTimeout: 5000,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{workflows,src,test,scripts}/**/*.spec.ts'] },
    // Database and HTTP tests share two cores with PostgreSQL: 5 s is too tight under load. The timeout
    // is set in a setup file: Jest ignores a per-project `testTimeout`, for tests and hooks alike.
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{src,test}/**/*.int-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{src,test}/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'] },
    // the console in Debian's Chromium (playwright-core); skipped, and said so, when no Chromium is installed
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/console/**/*.browser-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'] },
  ],
};
