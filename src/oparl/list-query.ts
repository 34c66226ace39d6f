/**
 * The query of an external list (spec 2.5): the four date-time filters, `omit_internal`, `limit`
 * and our keyset cursor. Parsed leniently where clients are known to differ (encoded or raw `+` in
 * an offset) and strictly where a guess would be wrong (an unknown parameter, a date without time).
 * `toQuery` writes the one canonical query string every link carries. Pure (list-query.spec.ts).
 */

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 250;

export interface ListQuery {
  createdSince?: string;
  createdUntil?: string;
  modifiedSince?: string;
  modifiedUntil?: string;
  omitInternal: boolean;
  limit: number;
  /** Keyset cursor: the page starts after (or, for `prev`, ends before) this key. */
  after?: string;
  before?: string;
}

export class ListQueryError extends Error {}

const FILTERS = [
  ['created_since', 'createdSince'],
  ['created_until', 'createdUntil'],
  ['modified_since', 'modifiedSince'],
  ['modified_until', 'modifiedUntil'],
] as const;
const KNOWN = new Set([...FILTERS.map(([p]) => p), 'omit_internal', 'limit', 'after', 'before']);

/** RFC 3339 date-time: `yyyy-mm-ddThh:mm:ss`, optional fraction, `Z` or `±hh:mm`. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * A filter value as a date-time with offset. A raw `+` in a query decodes to a space (form
 * encoding), so `…T00:00:00 01:00` is read as `+01:00`: clients that do not encode still work.
 */
export function parseDateTime(name: string, raw: string): string {
  const value = raw.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const m = DATE_TIME.exec(value);
  const valid = m && !Number.isNaN(Date.parse(value)) && Number(m[2]) <= 12 && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59;
  if (!valid) throw new ListQueryError(`${name} muss ein Zeitpunkt mit Zeitzone sein, z. B. 2020-08-19T00:00:00+02:00 (erhalten: „${raw}“).`);
  return value.toUpperCase();
}

/** `query` as Express's simple parser gives it (a repeated parameter arrives as an array). */
export function parseListQuery(query: Record<string, unknown>, keyPattern: RegExp): ListQuery {
  const unknown = Object.keys(query).filter((k) => !KNOWN.has(k));
  if (unknown.length) throw new ListQueryError(`Unbekannte Parameter: ${unknown.join(', ')}. Erlaubt sind ${[...KNOWN].join(', ')}.`);
  const one = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ListQueryError(`${name} darf nur einmal angegeben werden.`);
    return v;
  };
  const q: ListQuery = { omitInternal: false, limit: DEFAULT_LIMIT };
  for (const [param, field] of FILTERS) {
    const v = one(param);
    if (v !== undefined) q[field] = parseDateTime(param, v);
  }
  const omit = one('omit_internal');
  if (omit !== undefined) {
    if (omit !== 'true' && omit !== 'false') throw new ListQueryError(`omit_internal ist true oder false (erhalten: „${omit}“).`);
    q.omitInternal = omit === 'true';
  }
  const limit = one('limit');
  if (limit !== undefined) {
    if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1) throw new ListQueryError(`limit ist eine ganze Zahl ab 1 (erhalten: „${limit}“).`);
    q.limit = Math.min(Number(limit), MAX_LIMIT);
  }
  for (const side of ['after', 'before'] as const) {
    const v = one(side);
    if (v === undefined) continue;
    if (!keyPattern.test(v.toLowerCase())) throw new ListQueryError(`${side} ist kein gültiger Listenschlüssel (erhalten: „${v}“).`);
    q[side] = v.toLowerCase();
  }
  if (q.after && q.before) throw new ListQueryError('after und before schließen sich aus.');
  return q;
}

/**
 * The canonical query string: parameters in one fixed order, each value percent-encoded
 * (spec 2.3: "für jeden Parameter und jeden Wert im Query-String genau eine kanonische
 * Schreibweise"). `limit` appears only when it is not the default.
 */
export function toQuery(q: ListQuery, cursor: { after?: string; before?: string } = {}): string {
  const parts: string[] = [];
  for (const [param, field] of FILTERS) {
    const v = q[field];
    if (v !== undefined) parts.push(`${param}=${encodeURIComponent(v)}`);
  }
  if (q.omitInternal) parts.push('omit_internal=true');
  if (q.limit !== DEFAULT_LIMIT) parts.push(`limit=${q.limit}`);
  if (cursor.after) parts.push(`after=${encodeURIComponent(cursor.after)}`);
  if (cursor.before) parts.push(`before=${encodeURIComponent(cursor.before)}`);
  return parts.join('&');
}
