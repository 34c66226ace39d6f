import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { answerParserErrorsAsProblems, refuseUnstorableInput } from './auth/hostile-input';
import { rootLogger } from './common/logging';
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
 */
export async function createApp(options: AppModuleOptions & { logger?: false }): Promise<NestExpressApplication> {
  const config = readConfig();
  const quiet = options.logger === false;
  const { logger: _quiet, ...moduleOptions } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...moduleOptions, requestLog: quiet ? undefined : rootLogger() }), {
    ...(quiet ? { logger: false } : { bufferLogs: true }),
    bodyParser: false,
  });
  if (!quiet) app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.bodyLimit, type: ['application/json', 'application/*+json'] });
  app.use(refuseUnstorableInput);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false });
  app.set('query parser', 'simple');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.enableShutdownHooks();
  answerParserErrorsAsProblems(app.getHttpServer());
  const document = buildOpenApi(app, config.publicBaseUrl);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
