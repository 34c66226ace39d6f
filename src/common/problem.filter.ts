import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
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

/** Maps every error to RFC 7807 problem+json with a stable `code`. The only exception filter. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const body = this.toProblem(error);
    body.instance = req.originalUrl;
    res.locals[PROBLEM_CODE] = body.code; // for the request log line
    if (body.status >= 500) {
      // the request's correlation id (X-Request-Id, also on its log line); the stack only for the unexpected
      body.correlationId = typeof (req as { id?: unknown }).id === 'string' ? (req as unknown as { id: string }).id : randomUUID();
      const detail = body.code === 'INTERNAL' ? ((error as Error)?.stack ?? String(error)) : `${body.code}: ${(error as Error)?.message ?? String(error)}`;
      this.logger.error(`${body.correlationId} ${req.method} ${req.originalUrl}: ${detail}`);
    }
    if (!res.headersSent) {
      res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
    }
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
    const bodyParser = error as { type?: string; status?: number; message?: string };
    if (typeof bodyParser?.type === 'string' && typeof bodyParser.status === 'number' && bodyParser.status < 500) {
      // body-parser errors: malformed JSON, too large, unsupported charset
      const code = bodyParser.type === 'entity.too.large' ? 'REQUEST.TOO_LARGE' : 'REQUEST.MALFORMED';
      return problem(bodyParser.status, code, `The request body could not be read: ${bodyParser.message ?? bodyParser.type}.`);
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
