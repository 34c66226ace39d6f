import createClient from 'openapi-fetch';
import type { components, paths } from './api-schema';
import { currentToken, signOutOnUnauthorized } from './session';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'];

/** A refused or failed request, carrying the API's problem+json (or one made up for a network failure). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

/** The typed client over the API's OpenAPI document; every request carries the signed-in user's token. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use({
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) signOutOnUnauthorized();
    return response;
  },
});

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'detail' in value;
}

function asProblem(error: unknown, response: Response | undefined): Problem {
  if (isProblem(error)) return error;
  const status = response?.status ?? 0;
  return {
    type: 'about:blank',
    title: status ? `Fehler ${status}` : 'Keine Verbindung',
    status,
    code: status ? 'HTTP.UNEXPECTED' : 'NETWORK.UNREACHABLE',
    detail: status ? `Der Server antwortete unerwartet (${status}).` : 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
  };
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or a ProblemError with the API's problem+json. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw new ProblemError(asProblem(error, undefined));
  }
  if (answer.error !== undefined || answer.data === undefined) throw new ProblemError(asProblem(answer.error, answer.response));
  return answer.data;
}

/** Like unwrap, with the ETag to send as If-Match on the next command (no lost updates). */
export async function unwrapWithEtag<T>(call: Promise<Answer<T>>): Promise<{ data: T; etag: string | undefined }> {
  let etag: string | undefined;
  const data = await unwrap(
    call.then((answer) => {
      // only an instance version ("7") is an If-Match the API accepts; a weak ETag of the HTTP
      // layer (W/"…", on reads that set none themselves) would be refused as REQUEST.INVALID_IF_MATCH
      const header = answer.response.headers.get('ETag');
      etag = header && /^"\d+"$/.test(header) ? header : undefined;
      return answer;
    }),
  );
  return { data, etag };
}

/** A fresh key per submitted form: a double click or a retry writes the command once. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
