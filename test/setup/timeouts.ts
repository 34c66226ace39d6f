/*
 * The database and HTTP tiers share two cores with PostgreSQL, so Jest's 5 s default is too tight.
 * Jest 30 ignores `testTimeout` inside a `projects` entry (checked: tests and hooks both kept 5 s,
 * and e2e hooks failed when both cores were busy); jest.setTimeout in a setup file is the default
 * that tests and hooks see. A file that needs longer still calls jest.setTimeout itself.
 */
jest.setTimeout(90_000);
