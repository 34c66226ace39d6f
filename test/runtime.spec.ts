import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';

/**
 * One supported runtime, stated in one place (package.json engines) and kept true by this test:
 * the Dockerfile's Node, the Node this test (and so CI) runs on, and every production dependency's
 * own engines field. Packages that declare Node 22 but run on 20.19+ are named here with the reason.
 */
const ROOT = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } }> };

/**
 * Declare Node >= 22 although they run on 20.19+: what they need is require(esm), which Node 20.19
 * has too. file-type is pulled in by @nestjs/common and loaded only by FileTypeValidator (unused).
 * content-disposition 3 (through @fastify/static, for the console and Swagger UI files) and cookie 2
 * (through fastify's reply) are plain ESM that Node 20.19 loads; every HTTP test runs them on Node 20.
 */
const NODE_22_ONLY_BUT_RUN_ON_20 = ['content-disposition', 'cookie', 'file-type', 'nestjs-pino'];

const productionPackages = () =>
  Object.entries(lock.packages)
    .filter(([path, meta]) => path.startsWith('node_modules/') && !meta.dev && meta.engines?.node)
    .map(([path, meta]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), range: meta.engines!.node! }));

describe('supported runtimes', () => {
  it('engines: Node 20.19+ (where require(esm) works), 22.13+ and 24.11+ (typeorm 1.1 declares the same)', () => {
    for (const v of ['20.19.0', '20.20.2', '22.13.0', '22.21.0', '24.11.0']) expect([v, semver.satisfies(v, pkg.engines.node)]).toEqual([v, true]);
    for (const v of ['18.20.0', '20.18.3', '21.7.0', '22.12.0', '23.11.0']) expect([v, semver.satisfies(v, pkg.engines.node)]).toEqual([v, false]);
  });

  it('this run (CI included) is on a supported Node', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  it('the Docker image runs Node 22, in both stages, and every production dependency accepts Node 22.13', () => {
    const from = [...readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8').matchAll(/^FROM node:(\d+)[-\w.]*/gm)].map((m) => m[1]);
    expect(from).toEqual(['22', '22']);
    expect(semver.satisfies('22.13.0', pkg.engines.node)).toBe(true);
    expect(productionPackages().filter((p) => !semver.satisfies('22.13.0', p.range))).toEqual([]);
  });

  it('on Node 20.19 only the packages named above declare a newer Node', () => {
    const refusing = productionPackages().filter((p) => !semver.satisfies('20.19.0', p.range)).map((p) => p.name);
    expect([...new Set(refusing)].sort()).toEqual([...NODE_22_ONLY_BUT_RUN_ON_20].sort());
  });
});
