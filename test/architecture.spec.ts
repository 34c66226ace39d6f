import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The boundaries the code keeps (docs/architecture.md), checked on the source text:
 * - SQL lives only in repositories (`*.repository.ts`), the database set-up and migrations;
 * - domain rules live in workflows/: no MOTION.*, GRANT.*, SELECTION.* or MEETING.* refusal is
 *   thrown from src/, other than "does not exist" and "already exists" (not-found and validation
 *   of what a request refers to);
 * - no private XState API anywhere.
 */
const root = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

const production = sources('src');
const text = (file: string): string => readFileSync(join(root, file), 'utf8');

/** Database access: pg queries, TypeORM repositories and query builders, raw SQL in strings. */
const SQL = [/\.query\s*[<(]/, /createQueryBuilder\s*\(/, /getRepository\s*\(/, /@InjectRepository\(/, /['"`]\s*(SELECT|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM)\b/];
const SQL_HOMES = [/\.repository\.ts$/, /^src\/database\//, /^src\/engine\/database\.ts$/];

/** A domain code in a throw; only the existence checks of what a request refers to may stay in src/. */
const RULE_THROW = /(?:new DomainError|invalid)\([^;]*?['"`]((?:MOTION|GRANT|SELECTION|MEETING)\.[A-Z_]+)['"`]/gs;
const REFERENCE_CODE = /\.(UNKNOWN(_[A-Z]+)*|[A-Z_]*_EXISTS|NOT_A_[A-Z_]+|[A-Z_]+_NOT_FOUND)$/;

describe('architecture boundaries', () => {
  it('keeps SQL in repositories (and the database set-up)', () => {
    const offenders = production
      .filter((file) => !SQL_HOMES.some((home) => home.test(file)))
      .flatMap((file) => {
        const lines = text(file).split('\n');
        return lines.flatMap((line, i) => (SQL.some((pattern) => pattern.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
      });
    expect(offenders).toEqual([]);
  });

  it('throws no domain rule from src/: rules are guards in workflows/', () => {
    const offenders = production.flatMap((file) =>
      [...text(file).matchAll(RULE_THROW)].map((m) => m[1]!).filter((code) => !REFERENCE_CODE.test(code)).map((code) => `${file}: ${code}`),
    );
    expect(offenders).toEqual([]);
  });

  it('uses no private XState API', () => {
    const offenders = [...production, ...sources('workflows'), ...sources('test'), ...sources('scripts'), ...sources('bench')]
      .filter((file) => file !== relative(root, __filename))
      .filter((file) => /\b_nodes\b|__unsafe_/.test(text(file)));
    expect(offenders).toEqual([]);
  });

  it('catches what it looks for (the patterns match real violations)', () => {
    expect(SQL.some((p) => p.test("await client.query('SELECT 1')"))).toBe(true);
    expect(SQL.some((p) => p.test('const sql = `SELECT * FROM motions`;'))).toBe(true);
    expect([..."throw new DomainError(422, 'MOTION.NOT_COMPETENT', 'x')".matchAll(RULE_THROW)].map((m) => m[1])).toEqual(['MOTION.NOT_COMPETENT']);
    expect(REFERENCE_CODE.test('MOTION.UNKNOWN_BODY') && REFERENCE_CODE.test('SELECTION.PROVIDER_EXISTS') && !REFERENCE_CODE.test('GRANT.OWN_SHARE_NOT_COVERED')).toBe(true);
  });
});
