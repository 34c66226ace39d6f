import { Body, Controller, Delete, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiParam, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Ctx } from '../auth/policy';
import { ApiProblems, NextStepDto } from '../common/openapi';
import { DomainError } from '../common/problem';
import type { CommandTable, HttpMethod } from './commands';
import { CommandDispatcher, type CommandRequest } from './dispatcher';
import { EventDto } from './dto';
import type { RequestContext } from './types';

const KEY = /^[\x21-\x7e]{1,128}$/;
const MAPPINGS: Record<HttpMethod, (path: string) => MethodDecorator> = { POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete };

/** `Idempotency-Key`: 1–128 visible ASCII characters, or absent. */
export function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!KEY.test(value)) throw new DomainError(400, 'REQUEST.INVALID_IDEMPOTENCY_KEY', 'The Idempotency-Key header is 1–128 visible ASCII characters.');
  return value;
}

/** `If-Match: "7"` (or `W/"7"`): the instance version the client decided on; `*` or absent: any. */
export function expectedVersion(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) throw new DomainError(400, 'REQUEST.INVALID_IF_MATCH', 'If-Match carries the ETag of the instance as you read it, e.g. "7".');
  return Number(match[1]);
}

/** The ETag of an instance version (what If-Match sends back). */
export const etag = (version: number): string => `"${version}"`;

const pascal = (s: string): string => s.toLowerCase().replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());

/** `{ event, nextSteps, <key>: view }`, as one named schema per table. */
function resultDto(table: CommandTable<unknown, unknown>): Type<unknown> {
  class Result {}
  ApiProperty({ type: table.viewDto, description: `The ${table.noun.toLowerCase()} as the event left it` })(Result.prototype, table.key);
  ApiProperty({ type: EventDto, description: 'The event written (on a replayed Idempotency-Key: the first one)' })(Result.prototype, 'event');
  ApiProperty({ type: [NextStepDto], description: 'What the state allows next, each allowed or blocked with its reason' })(Result.prototype, 'nextSteps');
  Object.defineProperty(Result, 'name', { value: `${pascal(table.key)}CommandResult` });
  return Result;
}

/**
 * The routes of a command table as a Nest controller: one handler per row, with its HTTP method and
 * path, roles, validated body, `Idempotency-Key` and `If-Match` headers, `ETag` answer header and its
 * OpenAPI operation, all taken from the row. A module registers the class this returns.
 */
export function commandRoutes<F, V>(table: CommandTable<F, V>): Type<unknown> {
  @ApiTags(table.tag)
  @ApiBearerAuth()
  @Controller(table.resource)
  class CommandRoutes {
    constructor(readonly dispatcher: CommandDispatcher) {}
  }
  Object.defineProperty(CommandRoutes, 'name', { value: `${pascal(table.key)}CommandRoutes` });
  Reflect.defineMetadata('design:paramtypes', [CommandDispatcher], CommandRoutes);
  const result = resultDto(table);
  const proto = CommandRoutes.prototype as unknown as Record<string, unknown>;

  if (table.create) {
    const row = table.create;
    define(proto, 'create', async function (this: CommandRoutes, ctx: RequestContext, dto: object, key: string | undefined, res: FastifyReply) {
      const { body, version, replayed } = await this.dispatcher.create(table, ctx, dto, idempotencyKey(key));
      void res.header('ETag', etag(version));
      if (replayed) void res.header('Idempotent-Replayed', 'true');
      return body;
    });
    Reflect.defineMetadata('design:paramtypes', [Object, row.body, String, Object], proto, 'create');
    Ctx()(proto, 'create', 0);
    Body()(proto, 'create', 1);
    Headers('idempotency-key')(proto, 'create', 2);
    Res({ passthrough: true })(proto, 'create', 3);
    decorate(proto, 'create', [
      Post(),
      HttpCode(201),
      Allow(...row.roles),
      ApiOperation({ summary: row.summary, operationId: `create${pascal(table.key)}` }),
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'Sent again with the same request: the instance it created (same id, Idempotent-Replayed: true), nothing written; with another request: 422.',
      }),
      ApiBody({ type: row.body }),
      ApiResponse({ status: 201, type: table.viewDto, description: `The ${table.noun.toLowerCase()} as created` }),
      ApiProblems(400, 401, 403, 409, 422),
    ]);
  }

  for (const row of table.commands) {
    const name = `command${pascal(row.event)}`;
    define(proto, name, async function (this: CommandRoutes, ctx: RequestContext, id: string, params: Record<string, string>, dto: object | undefined, key: string | undefined, ifMatch: string | undefined, res: FastifyReply) {
      const { id: _id, ...rest } = params;
      const req: CommandRequest = { ctx, id, params: rest, dto: dto ?? {}, idempotencyKey: idempotencyKey(key), expectedVersion: expectedVersion(ifMatch) };
      const { body, version, replayed } = await this.dispatcher.run(table, row, req);
      void res.header('ETag', etag(version));
      if (replayed) void res.header('Idempotent-Replayed', 'true');
      return body;
    });
    Reflect.defineMetadata('design:paramtypes', [Object, String, Object, row.body ?? Object, String, String, Object], proto, name);
    Ctx()(proto, name, 0);
    Param('id', new ParseUUIDPipe())(proto, name, 1);
    Param()(proto, name, 2);
    if (row.body) Body()(proto, name, 3);
    Headers('idempotency-key')(proto, name, 4);
    Headers('if-match')(proto, name, 5);
    Res({ passthrough: true })(proto, name, 6);
    const status = row.status ?? 200;
    const extraParams = [...row.path.matchAll(/:(\w+)/g)].map((m) => ApiParam({ name: m[1]!, type: String }));
    decorate(proto, name, [
      MAPPINGS[row.method](row.path ? `:id/${row.path}` : ':id'),
      HttpCode(status),
      Allow(...row.roles),
      ApiOperation({ summary: row.summary, operationId: `${table.key}${pascal(row.event)}`, description: `Sends the ${row.event} event.` }),
      ApiParam({ name: 'id', format: 'uuid', type: String }),
      ...extraParams,
      ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Sent again with the same request: the first answer, nothing written; with another request: 422.' }),
      ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (instance version) you decided on; stale: 412, nothing written.' }),
      ...(row.body ? [ApiBody({ type: row.body })] : []),
      ApiResponse({ status, type: result, description: 'The resource as the event left it, the event, and the next steps', headers: { ETag: { description: 'The instance version', schema: { type: 'string' } } } }),
      ApiProblems(400, 401, 403, 404, 409, 412, 422),
    ]);
  }
  return CommandRoutes;
}

function define(proto: Record<string, unknown>, name: string, fn: (...args: never[]) => unknown): void {
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
}

function decorate(proto: object, name: string, decorators: MethodDecorator[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
  for (const decorator of decorators.reverse()) decorator(proto, name, descriptor);
}
