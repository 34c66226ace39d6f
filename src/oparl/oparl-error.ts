import type { FastifyReply as Response } from 'fastify';
import { DomainError } from '../common/problem';
import { OPARL_PATH, SCHEMA } from './urls';

/** An OParl answer that is an error, with the German message for people and a debug text. */
export class OParlError extends DomainError {
  constructor(
    status: number,
    message: string,
    readonly debug?: string,
  ) {
    super(status, status === 404 ? 'NOT_FOUND' : 'OPARL.INVALID_REQUEST', message);
  }
}

export const OPARL_HEADERS = {
  // spec 2.6: every JSON answer, errors included
  'Access-Control-Allow-Origin': '*',
  // helmet's default (same-origin) would keep other sites' pages from embedding the open data
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/** Writes an OParl JSON answer: UTF-8 without BOM, CORS for everyone. */
export function sendOParl(res: Response, status: number, body: unknown): void {
  void res.code(status).headers(OPARL_HEADERS).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Whether a request path is under the OParl endpoint, whatever its spelling: its errors are OParl's. */
export const isOParlPath = (url: string): boolean => url.toLowerCase().startsWith(OPARL_PATH) && /^[/?]?$/.test(url.charAt(OPARL_PATH.length));

/**
 * An error in the spec's format (spec 2.9): `type` https://schema.oparl.org/1.1/Error, a German
 * `message` for people and a `debug` text (our problem code and detail), with the matching HTTP
 * status. The one exception filter (ProblemFilter) answers with it under /oparl/v1.1, for errors of
 * the OParl routes and for those before any route runs alike; the rest of the API keeps problem+json.
 */
export function oparlError(error: unknown, problem: { status: number; code: string; detail: string; correlationId?: string }): { type: string; message: string; debug?: string } {
  if (error instanceof OParlError) return { type: `${SCHEMA}Error`, message: error.message, ...(error.debug ? { debug: error.debug } : {}) };
  // a server error names only its correlation id (as its log line does), never its cause
  const debug = problem.status >= 500 ? (problem.correlationId && `${problem.code}, correlation id ${problem.correlationId}`) : `${problem.code}: ${problem.detail}`;
  return { type: `${SCHEMA}Error`, message: statusText(problem.status), ...(debug ? { debug } : {}) };
}

function statusText(status: number): string {
  if (status === 404) return 'Das angefragte Objekt gibt es nicht.';
  if (status === 429) return 'Zu viele Anfragen: bitte eine Minute warten und dann erneut versuchen.';
  if (status === 503) return 'Die Schnittstelle ist gerade nicht erreichbar; bitte später erneut versuchen.';
  if (status >= 500) return 'Ein interner Fehler ist aufgetreten; bitte später erneut versuchen.';
  return 'Die Anfrage ist ungültig.';
}
