import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { CONSOLE_OPTIONS, SignInOptionsController, type ConsoleOptions } from './sign-in-options.controller';

/** Where the browser finds the console. */
export const CONSOLE_PATH = '/console';

/** web/dist from the repository root, whether the app runs from src/ (swc) or dist/src/ (build). */
export function defaultConsoleRoot(): string {
  const candidates = [resolve(__dirname, '..', '..', 'web', 'dist'), resolve(__dirname, '..', '..', '..', 'web', 'dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/** What either loader hands setHeaders: a Fastify reply, or Node's response. */
type HeaderTarget = { header?: (name: string, value: string) => unknown; setHeader?: (name: string, value: string) => unknown };

/**
 * Vite names each built asset by its content hash: a browser may keep those for good. index.html
 * (and the single-page fallback, which is index.html too) names the current assets, so it is asked
 * for again every time.
 */
export function cacheHeaders(res: HeaderTarget, path: string): void {
  const value = /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (typeof res.header === 'function') res.header('Cache-Control', value);
  else res.setHeader?.('Cache-Control', value);
}

/**
 * The web console (web/, built by Vite) as static files under /console, with the single-page
 * fallback for its deep links; and the public sign-in options it starts from. @nestjs/serve-static
 * picks the Express or Fastify loader from the running adapter. Without a build (tests, a production
 * install that skipped it) only the sign-in options are served.
 */
@Module({})
export class ConsoleModule {
  static forRoot(options: ConsoleOptions = {}): DynamicModule {
    const root = options.root;
    const built = root !== undefined && existsSync(join(root, 'index.html'));
    return {
      module: ConsoleModule,
      imports: built ? [ServeStaticModule.forRoot({ rootPath: root, serveRoot: CONSOLE_PATH, serveStaticOptions: { index: 'index.html', cacheControl: false, fallthrough: true, setHeaders: cacheHeaders } })] : [],
      controllers: [SignInOptionsController],
      providers: [{ provide: CONSOLE_OPTIONS, useValue: options }],
    };
  }
}
