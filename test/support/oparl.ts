import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TestApp } from './app';

/**
 * The official OParl 1.1 schema (test/oparl/schema, CC BY-SA 4.0, unchanged) as ajv validators.
 * The schema uses keywords JSON Schema does not know: `references`, `backreference`, `cardinality`
 * and `schema` describe relations and are registered as annotations; `format: url` is registered as
 * an absolute http(s) URL. Everything else is validated as written.
 */
export function oparlValidators(): Map<string, ValidateFunction> {
  // the schema's patterns escape characters (`\:`) that a unicode-mode RegExp refuses
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, unicodeRegExp: false });
  addFormats(ajv, ['date', 'date-time']);
  ajv.addFormat('url', (value: string) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length > 0;
    } catch {
      return false;
    }
  });
  for (const keyword of ['references', 'backreference', 'cardinality', 'schema']) ajv.addKeyword({ keyword, schemaType: 'string' });
  const dir = join(__dirname, '..', 'oparl', 'schema');
  const validators = new Map<string, ValidateFunction>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { title: string };
    validators.set(`https://schema.oparl.org/1.1/${schema.title}`, ajv.compile(schema));
  }
  return validators;
}

export type Json = Record<string, unknown>;

/** Every object in `value`, the embedded ones included (anything with an OParl `type`). */
export function objectsIn(value: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const v of value) objectsIn(v, found);
  else if (value !== null && typeof value === 'object') {
    const o = value as Json;
    if (typeof o.type === 'string' && o.type.startsWith('https://schema.oparl.org/1.1/')) found.push(o);
    for (const v of Object.values(o)) objectsIn(v, found);
  }
  return found;
}

/** Every string in `value` that is a URL of our OParl endpoint (the crawler's next steps). */
export function linksIn(value: unknown, root: string, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (value === root || value.startsWith(`${root}/`)) found.add(value);
  } else if (Array.isArray(value)) for (const v of value) linksIn(v, root, found);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) linksIn(v, root, found);
  return found;
}

export interface Fetched {
  url: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  body: unknown;
  /** The bytes of an answer that is not JSON (a File's PDF). */
  bytes?: Buffer;
}

/** GET an absolute URL of the app through supertest (the public base is only a name here). */
export async function fetchOParl(t: TestApp, base: string, url: string): Promise<Fetched> {
  if (!url.startsWith(base)) throw new Error(`${url} is not under ${base}`);
  const res = await t.http.get(url.slice(base.length)).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const raw: Buffer = res.body;
  // a File's bytes (its accessUrl and downloadUrl): kept as they are, not read as JSON
  if (res.status === 200 && !String(res.headers['content-type']).startsWith('application/json')) return { url, status: res.status, headers: res.headers, text: '', body: undefined, bytes: raw };
  // fatal: invalid UTF-8 throws instead of being replaced
  const text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  return { url, status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/**
 * Follows every OParl link from `start`, breadth first, without following redirects (each link we
 * hand out must be the canonical URL itself). Answers every fetched URL.
 */
export async function crawl(t: TestApp, base: string, start: string[], root: string, limit = 5000): Promise<Map<string, Fetched>> {
  const seen = new Map<string, Fetched>();
  const queue = [...start];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    if (seen.size >= limit) throw new Error(`the crawl passed ${limit} URLs`);
    const fetched = await fetchOParl(t, base, url);
    seen.set(url, fetched);
    for (const link of linksIn(fetched.body, root)) if (!seen.has(link)) queue.push(link);
  }
  return seen;
}
