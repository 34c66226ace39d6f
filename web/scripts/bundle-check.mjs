// Build check: the JavaScript a first visit loads (the entry chunk and everything it imports
// statically, not the lazily loaded pages) must stay within 200 KB gzipped.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT = 200 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entry) throw new Error('the Vite manifest names no entry chunk');

const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
visit(entry);

let total = 0;
const rows = [...seen].map((key) => {
  const file = manifest[key].file;
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  return `  ${file.padEnd(48)} ${(size / 1024).toFixed(1).padStart(7)} KB gz`;
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`First load of the console: ${kb(total)} of JavaScript, gzipped (limit ${kb(LIMIT)})\n${rows.join('\n')}`);
if (total > LIMIT) {
  console.error(`Too large: the first load is ${kb(total)}, more than ${kb(LIMIT)}. Load pages lazily or drop a dependency.`);
  process.exit(1);
}
