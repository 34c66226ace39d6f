import fastifyHelmet from '@fastify/helmet';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { answerClientErrorAsProblem, answerRoutingErrorAsProblem, refuseUnstorableInput } from './auth/hostile-input';
import { requestId, rootLogger } from './common/logging';
import { documentValidatedBounds } from './common/openapi-limits';
import { readConfig } from './config';

export function buildOpenApi(app: INestApplication, publicBaseUrl = readConfig().publicBaseUrl): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Beschlussweg API')
    .setDescription(
      'Workflow and decision engine for council motions (Sitzungsvorlagen), provider selection (Interessenbekundungsverfahren) and grants (Zuwendungen). ' +
        'Errors are RFC 7807 problem+json with a stable `code`; refused events list `allowedEvents`. Times are Europe/Berlin.',
    )
    .setVersion('0.1.0')
    .addServer(publicBaseUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key bw_<prefix>_<secret>, or an OpenID Connect access token when OIDC_ISSUER is configured' })
    .build();
  return documentValidatedBounds(app, SwaggerModule.createDocument(app, config));
}

/**
 * The app as both the server and the e2e tests build it: same pipes, filter, limits and docs.
 * Logs go through the process's pino logger (JSON in production); `logger: false` keeps it quiet.
 *
 * HTTP runs on Fastify: about twice Express's requests per second on the same machine for the same
 * handlers (docs/performance.md). Its own JSON parser reads `application/json` and `application/*+json`
 * up to BODY_LIMIT; prototype keys are kept as data so that refuseUnstorableInput names them like any
 * unknown field; requests Node's HTTP parser refuses are answered as problem+json.
 */
export async function createApp(options: AppModuleOptions & { logger?: false }): Promise<NestFastifyApplication> {
  const config = readConfig();
  const quiet = options.logger === false;
  const { logger: _quiet, ...moduleOptions } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: bytes(config.bodyLimit),
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    clientErrorHandler: answerClientErrorAsProblem,
    frameworkErrors: answerRoutingErrorAsProblem,
    genReqId: requestId,
    requestIdHeader: false,
    // as Express routed: paths match whatever their case and with or without a trailing slash
    // (OParl answers other spellings with a 301 to the canonical URL)
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    // close() ends kept-alive client connections too, so a stopping app (or a test's) never waits on an idle peer
    forceCloseConnections: true,
    ...(config.trustProxy !== undefined ? { trustProxy: trustProxy(config.trustProxy) } : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...moduleOptions, requestLog: quiet ? undefined : rootLogger() }), adapter, {
    ...(quiet ? { logger: false } : { bufferLogs: true }),
    bodyParser: false,
  });
  if (!quiet) app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(/^application\/[\w.-]+\+json$/, { parseAs: 'string' }, fastify.getDefaultJsonParser('ignore', 'ignore'));
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('X-Request-Id', req.id); // the correlation id, also on the log line and in 500 problems
    done();
  });
  fastify.addHook('preValidation', refuseUnstorableInput);
  await app.register(fastifyHelmet, { contentSecurityPolicy: false });
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false });
  app.enableShutdownHooks();
  const document = buildOpenApi(app, config.publicBaseUrl);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** BODY_LIMIT as bytes: `262144`, `256kb`, `1mb`. */
export function bytes(limit: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb)?\s*$/i.exec(limit);
  if (!m) throw new Error(`BODY_LIMIT "${limit}" is not a size like 256kb or 1mb`);
  return Math.floor(Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[(m[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb']);
}

/** TRUST_PROXY for Fastify: a hop count trusts that many proxies in front (as Express's `trust proxy` number did). */
function trustProxy(value: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}
