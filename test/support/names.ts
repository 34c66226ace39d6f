/** Destructive test setup refuses any database whose name does not say it is a test database. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/.test(name)) throw new Error(`refusing to touch database "${name}": its name lacks "test"`);
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
