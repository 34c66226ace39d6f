/**
 * How values look in OParl output (spec 2.4): date-times `yyyy-mm-ddThh:mm:ss±hh:mm` in
 * Europe/Berlin, dates `yyyy-mm-dd`, no control characters, no `null`, `""` or `[]` for absent
 * values, never a placeholder such as "N/A". Pure (format.spec.ts).
 */
import { toBerlinIso } from '../common/berlin-time';

/** `2020-08-19T17:30:00+02:00`: seconds, no fraction, the Berlin offset of that instant. */
export function dateTime(value: Date | string): string {
  const iso = toBerlinIso(typeof value === 'string' ? new Date(value) : value);
  return iso.replace(/\.\d{3}(?=[+-])/, '');
}

/** `2020-08-19`: the Berlin calendar day of an instant, or a `date` column as PostgreSQL gives it. */
export function date(value: Date | string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dateTime(value).slice(0, 10);
}

/** C0 controls but TAB, LF and CR; DEL; C1 controls. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

/**
 * Text as users wrote it, minus what has no place in JSON text output: control characters are
 * dropped, and a lone surrogate (which cannot be encoded as UTF-8) becomes U+FFFD. Most text has
 * neither: one scan of its code units answers it without building a new string.
 */
export function cleanText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) || (code >= 0xd800 && code <= 0xdfff)) return rebuild(text).trim();
  }
  return text.trim();
}

function rebuild(text: string): string {
  let out = '';
  for (const c of text) {
    // iteration yields a surrogate pair as one character, a lone surrogate alone
    const code = c.codePointAt(0)!;
    if (isControl(code)) continue;
    out += code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : c;
  }
  return out;
}

/**
 * The object as OParl wants it: strings cleaned, and properties that would be `undefined`, `null`,
 * an empty string or an empty list dropped, except the ones the schema makes mandatory (`keep`).
 */
export function compact<T>(value: T, keep: ReadonlySet<string> = new Set()): T {
  return compactValue(value, keep) as T;
}

function compactValue(value: unknown, keep: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map((v: unknown) => compactValue(v, keep));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = compactValue(v, keep);
    if (c === undefined || c === null) continue;
    if (!keep.has(k) && ((typeof c === 'string' && c === '') || (Array.isArray(c) && c.length === 0))) continue;
    out[k] = c;
  }
  return out;
}
