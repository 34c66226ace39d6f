import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** JSON lines in production (or LOG_FORMAT=json), readable text otherwise. */
export function logFormatOf(env: NodeJS.ProcessEnv): 'json' | 'text' {
  const format = env.LOG_FORMAT || undefined; // empty counts as unset
  return format === 'json' || (format === undefined && env.NODE_ENV === 'production') ? 'json' : 'text';
}

let root: Logger | undefined;

/**
 * The process's one pino logger. main() takes it before anything else, so a production start is
 * JSON from its first line (start-up failures included); Nest and the request logs write through it.
 */
export function rootLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  if (root) return root;
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL || 'info',
    base: { service: 'beschlussweg' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  root =
    logFormatOf(env) === 'json'
      ? pino(options, pino.destination({ fd: 1, sync: true }))
      : pino(options, pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', sync: true }));
  return root;
}

/** A client's X-Request-Id is kept when it is a plain token; otherwise every request gets a UUID. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The problem code the exception filter answered with, for the request log line. */
export const PROBLEM_CODE = 'problemCode';

/** The request's correlation id: the client's X-Request-Id when it is a plain token, else a fresh UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Request logging (pino-http through nestjs-pino): one line per request with its correlation id
 * (X-Request-Id, echoed in the answer and in 500 problems), method, path, status, time and, for a
 * refusal, its problem code. Expected refusals (4xx) are info lines without a stack; 5xx are errors.
 * No headers are logged (tokens stay out of the log). /health and /metrics are not logged.
 */
export function requestLogging(logger: Logger | undefined): Params {
  return {
    // every path, in Fastify's middleware syntax (nestjs-pino's default `{/*splat}` matches nothing there)
    forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
    pinoHttp: {
      logger: logger ?? pino({ level: 'silent' }),
      // Fastify gives each request its id (requestId below) and the middleware gets it as req.id
      genReqId: (req: IncomingMessage) => requestId(req),
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      customProps: (_req, res) => {
        const code = (res as ServerResponse & { locals?: Record<string, unknown> }).locals?.[PROBLEM_CODE];
        return typeof code === 'string' ? { code } : {};
      },
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string; originalUrl?: string }) => ({ id: req.id, method: req.method, url: req.originalUrl ?? req.url }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      // middleware sees a path-stripped req.url under Fastify; originalUrl is the request's
      autoLogging: { ignore: (req) => /^\/(health|metrics)(\?|$)/.test((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '') },
      quietReqLogger: true,
    },
  };
}
