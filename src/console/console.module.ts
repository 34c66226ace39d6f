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
      imports: built ? [ServeStaticModule.forRoot({ rootPath: root, serveRoot: CONSOLE_PATH, serveStaticOptions: { index: 'index.html', maxAge: 0, fallthrough: true } })] : [],
      controllers: [SignInOptionsController],
      providers: [{ provide: CONSOLE_OPTIONS, useValue: options }],
    };
  }
}
