import { applyDecorators, Delete, Get, HttpCode, Post, Put, type Type } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { Allow, AnyRole } from '../auth/policy';
import type { UserRole } from '../auth/roles';
import { ApiProblems } from './openapi';

const ROUTES = { GET: Get, POST: Post, PUT: Put, DELETE: Delete } as const;

export interface EndpointDoc {
  summary: string;
  /** Who may call it; every role when absent. */
  roles?: readonly UserRole[];
  /** The success answer's schema; absent for 204. */
  type?: Type<unknown> | [Type<unknown>];
  /** The success status: 201 for POST, 200 otherwise, unless given. */
  status?: 200 | 201 | 204;
  description?: string;
  /** The problem+json answers it may give besides success. */
  problems: number[];
}

/**
 * One route of a hand-written controller, documented as every route is: method and path, who may
 * call it, its summary, its success schema and its problems. A `:id` in the path is a uuid.
 * (Command routes come from the command tables instead: src/engine/command-routes.ts.)
 */
export function Endpoint(method: keyof typeof ROUTES, path: string, doc: EndpointDoc): MethodDecorator {
  const usual = method === 'POST' ? 201 : 200;
  const status = doc.status ?? usual;
  return applyDecorators(
    ROUTES[method](path),
    ...(status === usual ? [] : [HttpCode(status)]),
    doc.roles ? Allow(...doc.roles) : AnyRole(),
    ApiOperation({ summary: doc.summary }),
    ...(/(^|\/):id(\/|$)/.test(path) ? [ApiParam({ name: 'id', format: 'uuid', type: String })] : []),
    ApiResponse({ status, ...(doc.type ? { type: doc.type } : {}), description: doc.description ?? '' }),
    ApiProblems(...doc.problems),
  );
}
