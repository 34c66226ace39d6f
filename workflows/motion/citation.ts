/**
 * Legal citations ("§ 26 Abs. 1 lit. f) KrO NRW") in one canonical form, so that spellings of the
 * same provision compare equal everywhere: in the competence catalogue (one entry per provision) and
 * in the motion machine (does the deciding body hold the proposal's legal basis?).
 *
 * A citation is parsed into its parts — section (§), Absatz, Satz, Nummer, litera — and the law's
 * abbreviation. Spacing, case, dots, parentheses and the long forms ("Absatz", "Buchstabe",
 * "Kreisordnung") do not matter. Text that is no statute citation (a local Zuständigkeitsordnung
 * entry in words) keeps a key of its words, case and spacing aside.
 */

export interface Citation {
  /** Section, e.g. `26` or `26a`. */
  section: string;
  paragraph?: string;
  sentence?: string;
  number?: string;
  letter?: string;
  /** The law, canonically spelt (e.g. `KrO NRW`), or the remaining words in lower case. */
  law: string;
}

/** Long and variant spellings of the laws our catalogues cite, by their letters in lower case. */
const LAWS: Readonly<Record<string, string>> = {
  kronrw: 'KrO NRW',
  kro: 'KrO NRW',
  kreisordnungnrw: 'KrO NRW',
  kreisordnung: 'KrO NRW',
  kreisordnungfürdaslandnordrheinwestfalen: 'KrO NRW',
  gonrw: 'GO NRW',
  gemeindeordnungnrw: 'GO NRW',
  gemeindeordnung: 'GO NRW',
  tintg: 'TIntG',
  teilhabeundintegrationsgesetz: 'TIntG',
  lhonrw: 'LHO NRW',
  lho: 'LHO NRW',
  vvlho: 'VV LHO',
  bho: 'BHO',
  sgbii: 'SGB II',
  sgbviii: 'SGB VIII',
  sgbxii: 'SGB XII',
};

const PARTS: readonly [keyof Omit<Citation, 'section' | 'law'>, RegExp][] = [
  ['paragraph', /\b(?:abs\.?|absatz)\s*(\d+[a-z]?)\b/i],
  ['sentence', /\b(?:satz|s\.)\s*(\d+)\b/i],
  ['number', /\b(?:nr\.?|nummer|ziff\.?|ziffer)\s*(\d+[a-z]?)\b/i],
  ['letter', /\b(?:lit\.?|litera|buchst\.?|buchstabe)\s*([a-z])\b\)?/i],
];

/** The parts of a statute citation, or undefined for text that cites no section. */
export function parseCitation(text: string): Citation | undefined {
  let rest = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const section = /§+\s*(\d+[a-z]?)\b/i.exec(rest);
  if (!section) return undefined;
  const citation: Citation = { section: section[1]!.toLowerCase(), law: '' };
  rest = rest.replace(section[0], ' ');
  for (const [part, pattern] of PARTS) {
    const found = pattern.exec(rest);
    if (found) {
      citation[part] = found[1]!.toLowerCase();
      rest = rest.replace(found[0], ' ');
    }
  }
  const words = rest.replace(/[().,;:]/g, ' ').replace(/\s+/g, ' ').trim();
  const letters = words.toLowerCase().replace(/[^a-zäöüß0-9]/g, '');
  citation.law = LAWS[letters] ?? words.toLowerCase();
  return citation;
}

/** The citation as the catalogue shows it: `§ 26 Abs. 1 lit. f KrO NRW`. */
export function formatCitation(c: Citation): string {
  return [
    `§ ${c.section}`,
    c.paragraph && `Abs. ${c.paragraph}`,
    c.sentence && `Satz ${c.sentence}`,
    c.number && `Nr. ${c.number}`,
    c.letter && `lit. ${c.letter}`,
    c.law,
  ]
    .filter(Boolean)
    .join(' ');
}

/** One key per provision, whatever the spelling; text without a section: its words, case and spacing aside. */
export function citationKey(text: string): string {
  const c = parseCitation(text);
  if (!c) return `text:${text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()}`;
  return ['§', c.section, c.paragraph && `abs${c.paragraph}`, c.sentence && `satz${c.sentence}`, c.number && `nr${c.number}`, c.letter && `lit${c.letter}`, c.law.toLowerCase()]
    .filter(Boolean)
    .join('|');
}

export const sameCitation = (a: string, b: string): boolean => citationKey(a) === citationKey(b);

/**
 * The matters § 26 Abs. 1 KrO NRW reserves to the Kreistag: no other body may be given them, by
 * the catalogue or by transfer.
 */
export function reservedToKreistag(text: string): boolean {
  const c = parseCitation(text);
  return c !== undefined && c.law === 'KrO NRW' && c.section === '26' && c.paragraph === '1';
}

/**
 * The catalogue entry closest to a citation that is not in it, for a refusal's suggestion: the one
 * citing the same provision most closely (section, then Absatz, then litera or Nummer), else the most
 * similar text. Undefined when nothing is near.
 */
export function closestCitation(text: string, catalogue: readonly string[]): string | undefined {
  const wanted = parseCitation(text);
  let best: { citation: string; score: number } | undefined;
  for (const entry of catalogue) {
    const score = wanted ? provisionScore(wanted, parseCitation(entry)) : similarity(text, entry);
    if (score > 0 && (!best || score > best.score)) best = { citation: entry, score };
  }
  return best?.citation;
}

function provisionScore(a: Citation, b: Citation | undefined): number {
  if (!b || a.section !== b.section || a.law !== b.law) return 0;
  let score = 1;
  for (const part of ['paragraph', 'sentence', 'number', 'letter'] as const) {
    if (a[part] !== undefined && a[part] === b[part]) score += 1;
    else if (a[part] !== b[part]) score -= 0.25;
  }
  return score;
}

/** Dice coefficient of the two texts' letter pairs, lower-cased: 0 (nothing alike) to 1. */
function similarity(a: string, b: string): number {
  const pairs = (s: string): string[] => {
    const t = s.toLowerCase().replace(/\s+/g, ' ');
    return Array.from({ length: Math.max(0, t.length - 1) }, (_, i) => t.slice(i, i + 2));
  };
  const x = pairs(a);
  const y = pairs(b);
  if (!x.length || !y.length) return 0;
  const counts = new Map<string, number>();
  for (const p of y) counts.set(p, (counts.get(p) ?? 0) + 1);
  let shared = 0;
  for (const p of x) {
    const n = counts.get(p) ?? 0;
    if (n > 0) {
      shared += 1;
      counts.set(p, n - 1);
    }
  }
  const score = (2 * shared) / (x.length + y.length);
  return score >= 0.5 ? score : 0;
}
