// Database and HTTP tests share two cores with PostgreSQL, and CI's machine may be busy. Jest's
// per-project `testTimeout` does not reach hooks (beforeAll starting an app then failed at 5 s under
// load); jest.setTimeout here sets the default for tests and hooks alike.
jest.setTimeout(120_000);
