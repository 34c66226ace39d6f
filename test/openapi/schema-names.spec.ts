import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file under src/ (no tests). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.includes('spec') ? [join(dir, e.name)] : []));
}

/**
 * @nestjs/swagger names a schema after its class: two DTO classes with one name collapse into one
 * schema, and the typed client (web/) then describes one with the other's fields. Every exported
 * DTO class has its own schema name (the class name, or the name given by @ApiSchema).
 */
describe('OpenAPI schema names', () => {
  it('are unique across the DTO classes of src/', () => {
    const owners = new Map<string, string[]>();
    for (const file of sources(join(__dirname, '..', '..', 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:@ApiSchema\(\{\s*name:\s*'(\w+)'\s*\}\)\s*)?export class (\w+Dto)\b/g)) {
        const name = m[1] ?? m[2]!;
        owners.set(name, [...(owners.get(name) ?? []), `${file.slice(file.indexOf('src'))} ${m[2]}`]);
      }
    }
    const duplicates = [...owners].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(duplicates).toEqual([]);
  });
});
