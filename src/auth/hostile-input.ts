import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError } from '../common/problem';
import { ProblemFilter, sendProblem } from '../common/problem.filter';

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

/**
 * A number JSON can spell but JavaScript and PostgreSQL cannot hold: `1e400` parses to Infinity
 * (JSON has no NaN or Infinity of its own). Returns the path of the first one, e.g. `input.amountCents`.
 */
export function nonFiniteNumberPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path || '(the body)';
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFiniteNumberPath(item, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/**
 * Keys that name a prototype rather than data. JSON.parse keeps `__proto__` as an own property, and
 * class-transformer then dropped it silently; at the top level of a body (where every field is
 * declared in a DTO) they are refused like any other unknown field.
 */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Refuses, before any guard or handler runs, input that would otherwise surface as a 500 from deep
 * inside or be dropped silently. A Fastify `preValidation` hook: the body is parsed by then.
 */
export function refuseUnstorableInput(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  // Fastify reads no body of a GET or HEAD: one sent anyway is refused rather than silently ignored
  if ((req.method === 'GET' || req.method === 'HEAD') && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined)) {
    return done(new DomainError(400, 'REQUEST.MALFORMED', `A ${req.method} request carries no body; send the parameters in the URL.`));
  }
  done(hostileInput(req.url, req.body));
}

/** Why a request's URL or parsed body is refused, as the error to answer with; undefined when it is fine. */
export function hostileInput(url: string, body: unknown): DomainError | undefined {
  if (/%00/.test(url)) return new DomainError(400, 'REQUEST.MALFORMED', 'The URL contains a NUL character (%00).');
  const why = unstorableJson(body);
  if (why) return new DomainError(400, 'REQUEST.MALFORMED', `The request body contains ${why}.`);
  const nonFinite = nonFiniteNumberPath(body);
  if (nonFinite) {
    return new DomainError(400, 'REQUEST.NUMBER_OUT_OF_RANGE', `The number at ${nonFinite} is too large to represent (JSON numbers must be finite, at most about 1.8e308).`, { field: nonFinite });
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const fields = Object.keys(body).filter((k) => PROTOTYPE_KEYS.includes(k)).map((field) => ({ field, messages: [`property ${field} should not exist`] }));
    if (fields.length) {
      return new DomainError(400, 'VALIDATION.FAILED', `The request is not valid. ${fields.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; ')}`, { errors: fields });
    }
  }
  return undefined;
}

/** URLs Fastify's router cannot take apart (bad percent-encoding, a path parameter over 100 characters), as problem+json. */
export function answerRoutingErrorAsProblem(error: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply): void {
  const [status, code]: [number, string] = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? [414, 'REQUEST.PARAMETER_TOO_LONG'] : [400, 'REQUEST.MALFORMED'];
  sendProblem(reply, req.url, new ProblemFilter().toProblem(new DomainError(status, code, `The URL could not be read: ${error.message}.`)));
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers over 16 KB, broken request
 * lines) get problem+json too, instead of a bare answer (Fastify's `clientErrorHandler`).
 */
export function answerClientErrorAsProblem(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const [status, code]: [number, string] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'REQUEST.HEADERS_TOO_LARGE'] : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'REQUEST.TIMEOUT'] : [400, 'REQUEST.MALFORMED'];
  const body = JSON.stringify(new ProblemFilter().toProblem(new DomainError(status, code, `The HTTP request could not be read (${error.code ?? error.message}).`)));
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
