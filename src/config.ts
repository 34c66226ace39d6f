/** Every setting the app reads, in one place (README "Configuration" lists them). */
export interface AppConfig {
  databaseUrl: string | undefined;
  port: number;
  embeddedDataDir: string;
  embeddedPort: number;
  production: boolean;
  logFormat: 'json' | 'text';
  bodyLimit: string;
  corsOrigins: string[];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    port: Number(env.PORT ?? 3000),
    embeddedDataDir: env.EMBEDDED_PG_DIR ?? '.data/postgres',
    embeddedPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    production: env.NODE_ENV === 'production',
    logFormat: env.LOG_FORMAT === 'json' || (env.LOG_FORMAT === undefined && env.NODE_ENV === 'production') ? 'json' : 'text',
    bodyLimit: env.BODY_LIMIT ?? '256kb',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
