import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError } from '../common/problem';
import { ProblemFilter } from '../common/problem.filter';

/*
 * Hostile input that the validation pipe never sees, refused at the edge with problem+json
 * (createApp installs them). Found by test/security/fuzz.e2e-spec.ts: each was a 500, or an answer
 * that was not problem+json, before.
 */

/** Deeper JSON is refused: real payloads nest a few levels, and deep nesting overflows recursive code downstream. */
export const JSON_MAX_DEPTH = 64;

/** Why a parsed JSON value cannot be walked safely or stored as PostgreSQL jsonb; undefined when it can. */
export function unstorableJson(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'a NUL character (\\u0000), which PostgreSQL cannot store';
    return /\p{Cs}/u.test(value) ? 'an unpaired UTF-16 surrogate, which is not valid Unicode' : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= JSON_MAX_DEPTH) return `nesting deeper than ${JSON_MAX_DEPTH} levels`;
  for (const [key, item] of Object.entries(value)) {
    const why = unstorableJson(key, depth) ?? unstorableJson(item, depth + 1);
    if (why) return why;
  }
  return undefined;
}

/** Refuses, before any handler runs, input that would otherwise surface as a 500 from deep inside. */
export function refuseUnstorableInput(req: Request, _res: Response, next: NextFunction): void {
  if (/%00/.test(req.url)) return next(new DomainError(400, 'REQUEST.MALFORMED', 'The URL contains a NUL character (%00).'));
  const why = unstorableJson(req.body);
  next(why ? new DomainError(400, 'REQUEST.MALFORMED', `The request body contains ${why}.`) : undefined);
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over 16 KB, broken request
 * lines) get problem+json too, instead of Node's bare default answer.
 */
export function answerParserErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, code]: [number, string] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'REQUEST.HEADERS_TOO_LARGE'] : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'REQUEST.TIMEOUT'] : [400, 'REQUEST.MALFORMED'];
    const body = JSON.stringify(new ProblemFilter().toProblem(new DomainError(status, code, `The HTTP request could not be read (${error.code ?? error.message}).`)));
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
