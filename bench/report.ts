import type { Spread } from './load';

/**
 * The keys of the benchmark's last output line, in order. Every ratio is the median of its rounds,
 * with the smallest and largest round beside it (`<key>_min`, `<key>_max`).
 */
export interface Summary {
  rounds: number;
  raw_tps: number;
  engine_tps: number;
  engine_ratio: number;
  engine_ratio_min: number;
  engine_ratio_max: number;
  engine_sample_ratio: number;
  engine_sample_ratio_min: number;
  engine_sample_ratio_max: number;
  motions_hot_share: number;
  http_tps: number;
  http_p50_ms: number;
  http_p99_ms: number;
  http_ratio: number;
  http_ratio_min: number;
  http_ratio_max: number;
  http_tail_ratio: number;
  http_tail_ratio_min: number;
  http_tail_ratio_max: number;
  replay_eps: number;
  replay_ratio: number;
  replay_ratio_min: number;
  replay_ratio_max: number;
  verify_100k_s: number;
  verify_peak_mb: number;
  history_scaling: number;
  history_scaling_min: number;
  history_scaling_max: number;
  rss_mb: number;
}

/** A spread as three summary keys. */
export const spreadKeys = <K extends string>(key: K, s: Spread): Record<K | `${K}_min` | `${K}_max`, number> =>
  ({ [key]: s.median, [`${key}_min`]: s.min, [`${key}_max`]: s.max }) as Record<K | `${K}_min` | `${K}_max`, number>;

/** "min–max of n rounds", for a table note. */
export const range = (s: Spread, digits = 3): string => (s.n > 1 ? `${fixed(s.min, digits)}–${fixed(s.max, digits)} over ${s.n} rounds` : 'one round');

export interface Row {
  measure: string;
  value: string;
  target?: { ok: boolean; text: string };
  note?: string;
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fixed = (n: number, digits = 2): string => n.toFixed(digits);

/** Targets are judged on the value as printed (ratios to 3 places, megabytes whole), so the table never says 0.350 missed 0.35. */
export const atLeast = (value: number, min: number, digits = 3): Row['target'] => ({ ok: Number(value.toFixed(digits)) >= min, text: `≥ ${min}` });
export const atMost = (value: number, max: number, digits = 3): Row['target'] => ({ ok: Number(value.toFixed(digits)) <= max, text: `≤ ${max}` });

/** A plain-text table that reads well in a terminal and pastes into Markdown. */
export function table(rows: Row[]): string {
  const cells = rows.map((r) => [r.measure, r.value, r.target ? `${r.target.text} ${r.target.ok ? 'met' : 'MISSED'}` : '', r.note ?? '']);
  const head = ['measure', 'value', 'target', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((s, i) => (i === 1 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...cells.map(line)].join('\n');
}

/** Rounds for the JSON line: ratios to 3 places, the rest to 2. */
export function summaryLine(s: Summary): string {
  const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
  return JSON.stringify(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v as number, /ratio|scaling|share/.test(k) ? 3 : 2)])));
}
