/**
 * Writes the OpenAPI document the server serves at /docs-json to a file (default: a temp path),
 * for `npm run openapi:lint`. It is built from the real AppModule, development routes included,
 * in Nest's preview mode: controllers and routes are scanned but no provider is instantiated, so
 * no database is needed.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApi } from '../src/app.factory';
import { AppModule } from '../src/app.module';
import { TravelClock } from '../src/common/clock';

/** The document as `createApp` serves it on a development server (with /dev/clock). */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot({ databaseUrl: 'postgres://preview.invalid/none', clock: new TravelClock(), devClock: true }), new FastifyAdapter(), { preview: true, logger: false });
  return buildOpenApi(app);
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(tmpdir(), 'beschlussweg-openapi.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
  console.log(out);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
