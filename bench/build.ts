import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCES = ['src', 'workflows', 'migrations', 'seeds', 'scripts', 'bench']; // as tsconfig.build.json
const TESTS = /\.(spec|int-spec|e2e-spec)\.ts$/;

export interface Build {
  /** Absolute path of a compiled file, e.g. `js('src/main.ts')`. */
  js(source: string): string;
  remove(): Promise<void>;
}

/**
 * Compiles the app ahead of time, as the production image runs it (`node dist/src/main.js`), with
 * the same SWC settings (.swcrc) that `node -r @swc-node/register` applies on the fly. The server
 * and the verifier run from here: the on-the-fly loader alone holds about 90 MB of resident memory,
 * which would otherwise be counted as the app's. Lives inside the repository (under .data/) so the
 * compiled files resolve node_modules as the sources do.
 */
export async function buildApp(outDir: string): Promise<Build> {
  const out = resolve(outDir);
  const files = (await Promise.all(SOURCES.map((dir) => tsFiles(dir)))).flat();
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformFile(file, { swcrc: true, sourceMaps: false });
      const target = join(out, file.replace(/\.ts$/, '.js'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }),
  );
  return {
    js: (source) => join(out, relative('.', source).replace(/\.ts$/, '.js')),
    remove: () => rm(out, { recursive: true, force: true }),
  };
}

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !TESTS.test(e.name)).map((e) => join(e.parentPath, e.name));
}
