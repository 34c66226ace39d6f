import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { PROBLEM_CODE } from './logging';
import { DomainError } from './problem';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  correlationId?: string;
  [extra: string]: unknown;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

type DriverError = { code?: string; message?: string; driverError?: { code?: string; message?: string } } | undefined;

function isDatabaseDown(error: unknown): boolean {
  const e = error as DriverError;
  const code = e?.driverError?.code ?? e?.code;
  return (
    (code !== undefined && CONNECTION_ERRORS.has(code)) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}

/** A database timeout fired: statement_timeout on the server (57014), or query_timeout in the client. */
function isDatabaseTimeout(error: unknown): boolean {
  const e = error as DriverError;
  return (e?.driverError?.code ?? e?.code) === '57014' || [e?.message, e?.driverError?.message].includes('Query read timeout');
}

/**
 * A part of the URL space whose errors have a format of their own (OParl's under /oparl/v1.1, as that
 * spec demands). The owning module registers it with `useErrorFormat`; common code knows no feature.
 */
export interface ErrorFormat {
  matches(url: string): boolean;
  send(reply: FastifyReply, problem: ProblemBody, error: unknown): void;
}

const formats = new Map<string, ErrorFormat>();

/** Registers (or replaces) the error format named `name`. */
export function useErrorFormat(name: string, format: ErrorFormat): void {
  formats.set(name, format);
}

/**
 * Maps every error to RFC 7807 problem+json with a stable `code`. The only exception filter; where a
 * module registered an error format for the URL (OParl), it answers the same problem in that format.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const body = this.toProblem(error);
    body.instance = req.originalUrl;
    // for the request log line, which pino-http writes from the Node response
    const raw = reply.raw as ServerResponse & { locals?: Record<string, unknown> };
    raw.locals = { ...raw.locals, [PROBLEM_CODE]: body.code };
    if (body.status >= 500) {
      // the request's correlation id (X-Request-Id, also on its log line); the stack only for the unexpected
      const id = (req.raw as { id?: unknown }).id;
      body.correlationId = typeof id === 'string' ? id : randomUUID();
      const detail = body.code === 'INTERNAL' ? ((error as Error)?.stack ?? String(error)) : `${body.code}: ${(error as Error)?.message ?? String(error)}`;
      this.logger.error(`${body.correlationId} ${req.method} ${req.originalUrl}: ${detail}`);
    }
    if (!reply.sent && !raw.headersSent) sendProblem(reply, req.originalUrl, body, error);
  }

  toProblem(error: unknown): ProblemBody {
    if (error instanceof DomainError) return problem(error.status, error.code, error.message, error.extras);
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: string | string[] }).message ?? error.message;
      const detail = Array.isArray(message) ? message.join('; ') : message;
      return problem(status, httpCode(status), detail);
    }
    const fastify = error as { code?: string; statusCode?: number; message?: string };
    if (typeof fastify?.code === 'string' && fastify.code.startsWith('FST_') && typeof fastify.statusCode === 'number' && fastify.statusCode < 500) {
      // Fastify's own refusals before any handler: malformed JSON, body too large, unsupported media type
      const status = fastify.statusCode;
      return problem(status, status === 400 ? 'REQUEST.INVALID' : httpCode(status), status === 413 || /CTP/.test(fastify.code) ? `The request body could not be read: ${fastify.message ?? fastify.code}.` : (fastify.message ?? fastify.code));
    }
    if (isDatabaseTimeout(error)) {
      return problem(503, 'DATABASE.TIMEOUT', 'The database did not answer in time. Try again shortly; a write sent again with the same idempotency key applies at most once.');
    }
    if (isDatabaseDown(error)) {
      return problem(503, 'DATABASE.UNAVAILABLE', 'The database cannot be reached right now. Nothing was written; try again shortly.');
    }
    return problem(500, 'INTERNAL', 'An unexpected error occurred. Quote the correlation id when reporting it.');
  }
}

/** problem+json, or the same problem in the format registered for the URL (OParl: spec 2.9, see oparl-error.ts). */
export function sendProblem(reply: FastifyReply, url: string, body: ProblemBody, error?: unknown): void {
  for (const format of formats.values()) if (format.matches(url)) return format.send(reply, body, error);
  void reply.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

function httpCode(status: number): string {
  switch (status) {
    case 400: return 'REQUEST.INVALID';
    case 401: return 'AUTH.UNAUTHENTICATED';
    case 403: return 'AUTH.FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 405: return 'REQUEST.METHOD_NOT_ALLOWED';
    case 413: return 'REQUEST.TOO_LARGE';
    case 415: return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
    case 429: return 'REQUEST.RATE_LIMITED';
    default: return status >= 500 ? 'INTERNAL' : `HTTP_${status}`;
  }
}

function problem(status: number, code: string, detail: string, extras: Record<string, unknown> = {}): ProblemBody {
  const title = (HttpStatus[status] ?? 'Error').toString().toLowerCase().replace(/_/g, ' ');
  return { type: `urn:beschlussweg:problem:${code}`, title: title.charAt(0).toUpperCase() + title.slice(1), status, detail, code, ...extras };
}
