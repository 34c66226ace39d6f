import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply as Response } from 'fastify';
import { DomainError } from '../common/problem';
import { SCHEMA } from './urls';

/** An OParl answer that is an error; the filter writes it in the spec's format. */
export class OParlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly debug?: string,
  ) {
    super(message);
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

/**
 * Errors under /oparl/v1.1 in the spec's error format (spec 2.9): `type`
 * https://schema.oparl.org/1.1/Error, a German `message` for people and a `debug` text, with the
 * matching HTTP status. Applies to this controller only; the rest of the API keeps problem+json.
 */
@Catch()
export class OParlErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OParl');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, message, debug } = this.describe(error);
    sendOParl(res, status, { type: `${SCHEMA}Error`, message, ...(debug ? { debug } : {}) });
  }

  private describe(error: unknown): { status: number; message: string; debug?: string } {
    if (error instanceof OParlError) return { status: error.status, message: error.message, debug: error.debug };
    if (error instanceof DomainError) return { status: error.status, message: statusText(error.status), debug: `${error.code}: ${error.message}` };
    if (error instanceof HttpException) return { status: error.getStatus(), message: statusText(error.getStatus()), debug: error.message };
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { status: 500, message: statusText(500) };
  }
}

function statusText(status: number): string {
  if (status === 404) return 'Das angefragte Objekt gibt es nicht.';
  if (status === 429) return 'Zu viele Anfragen: bitte eine Minute warten und dann erneut versuchen.';
  if (status === 503) return 'Die Schnittstelle ist gerade nicht erreichbar; bitte später erneut versuchen.';
  if (status >= 500) return 'Ein interner Fehler ist aufgetreten; bitte später erneut versuchen.';
  return 'Die Anfrage ist ungültig.';
}
