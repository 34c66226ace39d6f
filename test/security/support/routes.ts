import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { POLICY_KEY, type RoutePolicy } from '../../../src/auth/policy';
import { servedRoutes as served } from '../../support/app';

export interface Route {
  method: string;
  /** Router style, e.g. `/instances/:id/events`. */
  path: string;
  handler: string;
  policy: RoutePolicy | undefined;
}

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/**
 * Every route of the running app with the policy declared on it, read from the controllers Nest
 * registered (path and method metadata, POLICY_KEY through the Reflector, as the guard reads it).
 */
export function routeTable(app: INestApplication): Route[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined ?? ''].flat();
      for (const name of scanner.getAllMethodNames(controller.prototype as object)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const policy = reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [handler, controller]);
        for (const base of bases) for (const path of [paths].flat()) routes.push({ method, path: join(base, path), handler: `${controller.name}.${name}`, policy });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The routes Fastify actually serves (the ground truth the table above must match), without the Swagger UI. */
export function servedRoutes(app: INestApplication): string[] {
  const registered = served.get(app);
  if (!registered) throw new Error('servedRoutes needs an app started by startTestApp (it records the routes Fastify registers)');
  return registered
    .filter((r) => !r.startsWith('head ')) // Fastify answers HEAD for every GET route by itself
    .filter((r) => r !== 'options *') // the CORS preflight answer of app.enableCors (@fastify/cors)
    .filter((r) => !/ \/docs(\/|-|$)/.test(r))
    .sort();
}

/** `/instances/:id/events` → `/instances/{id}/events`, the OpenAPI spelling. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
