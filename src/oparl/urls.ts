/**
 * The OParl URLs: one canonical form per object and list page (spec 2.3), built from the public base
 * URL, never from the request's Host header. Pure, so it is unit-tested (urls.spec.ts).
 */

export const OPARL_PATH = '/oparl/v1.1';
export const SCHEMA = 'https://schema.oparl.org/1.1/';

/** The object types we serve, by the path segment of their URLs. */
export const OBJECT_TYPES = {
  body: 'Body',
  organization: 'Organization',
  person: 'Person',
  membership: 'Membership',
  'legislative-term': 'LegislativeTerm',
  meeting: 'Meeting',
  'agenda-item': 'AgendaItem',
  paper: 'Paper',
  consultation: 'Consultation',
  location: 'Location',
  file: 'File',
} as const;
export type ObjectSegment = keyof typeof OBJECT_TYPES;
export type OParlType = (typeof OBJECT_TYPES)[ObjectSegment];

/** The external lists of a Body, by path segment (`/body/{tenant}/{list}`), and the type each holds. */
export const BODY_LISTS = {
  organization: 'organization',
  person: 'person',
  membership: 'membership',
  'legislative-term': 'legislative-term',
  meeting: 'meeting',
  'agenda-item': 'agenda-item',
  paper: 'paper',
  consultation: 'consultation',
  location: 'location',
  file: 'file',
} as const satisfies Record<string, ObjectSegment>;
export type ListSegment = keyof typeof BODY_LISTS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TENANT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The key of an object in its URL, in canonical spelling, or undefined when `raw` cannot be one:
 * uuids in lower case, consultations as `{motion uuid}-{no}` without leading zeros, bodies by their
 * Körperschaft's slug, files as `{motion or meeting uuid}-{seq}` (the event that issued them). A key that only differs in spelling maps to the same canonical key (the
 * controller then answers 301).
 */
export function canonicalKey(segment: ObjectSegment, raw: string): string | undefined {
  const text = raw.toLowerCase();
  if (segment === 'body') return TENANT.test(text) ? text : undefined;
  if (segment === 'consultation' || segment === 'file') {
    const m = /^(.{36})-(\d{1,9})$/.exec(text);
    if (!m || !UUID.test(m[1]!) || Number(m[2]) < 1) return undefined;
    return `${m[1]}-${Number(m[2])}`;
  }
  return UUID.test(text) ? text : undefined;
}

/** A canonical `{uuid}-{n}` key (consultation, file) as its uuid and number. */
export function splitKey(key: string): [string, number] {
  const cut = key.lastIndexOf('-');
  return [key.slice(0, cut), Number(key.slice(cut + 1))];
}

export const isObjectSegment = (s: string): s is ObjectSegment => Object.hasOwn(OBJECT_TYPES, s);
export const isListSegment = (s: string): s is ListSegment => Object.hasOwn(BODY_LISTS, s);

/** Builds every URL from one base, e.g. `https://ris.kreis-coesfeld.de` (PUBLIC_BASE_URL). */
export class OParlUrls {
  readonly root: string;

  constructor(publicBaseUrl: string) {
    this.root = `${publicBaseUrl.replace(/\/+$/, '')}${OPARL_PATH}`;
  }

  system(): string {
    return this.root;
  }

  bodyList(): string {
    return `${this.root}/body`;
  }

  object(segment: ObjectSegment, key: string): string {
    return `${this.root}/${segment}/${key}`;
  }

  list(tenant: string, list: ListSegment, query = ''): string {
    return `${this.root}/body/${tenant}/${list}${query ? `?${query}` : ''}`;
  }

  consultationKey(motionId: string, no: number): string {
    return `${motionId}-${no}`;
  }

  fileKey(instanceId: string, seq: number): string {
    return `${instanceId}-${seq}`;
  }

  /** A file's bytes: shown in the browser (`access`) or as a download (`download`). */
  fileContent(instanceId: string, seq: number, disposition: 'access' | 'download'): string {
    return `${this.object('file', this.fileKey(instanceId, seq))}/${disposition}`;
  }
}
