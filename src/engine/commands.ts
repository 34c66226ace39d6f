import type { Type } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { UserRole } from '../auth/roles';
import type { Applied, InstanceRecord, RequestContext } from './types';

/**
 * A workflow's commands as one table: every row is one event with its route, request DTO, roles,
 * the facts its rule needs and what else its transaction writes. One dispatcher (dispatcher.ts) runs
 * any row, and one factory (command-routes.ts) turns the table into routes and OpenAPI operations.
 * Modules write tables, never a service method per command.
 */
export type Payload = Record<string, unknown>;

/** What a row's `facts` and `after` see. */
export interface CommandInput<Dto> {
  ctx: RequestContext;
  /** The validated request body (an empty object for commands without one). */
  dto: Dto;
  /** Route parameters besides the instance id (e.g. `key` in `proposals/:key`). */
  params: Readonly<Record<string, string>>;
  /** The event's transaction: look-ups here see what the event will be decided on. */
  tx: PoolClient;
  /** The instance, locked, as it stands before the event. */
  instance: InstanceRecord;
}

export type HttpMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CommandRow<F = unknown, Dto extends object = object> {
  /** The machine's event type. */
  readonly event: string;
  readonly method: HttpMethod;
  /** Below `/{resource}/{id}`, e.g. `submit` or `proposals/:key`; '' for the instance itself. */
  readonly path: string;
  /** The request DTO: validation and the OpenAPI request body. Commands without one take no body. */
  readonly body?: Type<Dto>;
  readonly roles: readonly UserRole[];
  readonly summary: string;
  /** 200 unless the command creates something addressable (201). */
  readonly status?: 200 | 201;
  /** The event's payload: the body's fields plus the facts the rule needs. Default: the body as it is. */
  facts?(facts: F, input: CommandInput<Dto>): Payload | Promise<Payload>;
  /** Rows the event's transaction writes besides the event (agenda items, another instance's event). */
  after?(facts: F, input: CommandInput<Dto> & { applied: Applied }): Promise<void>;
}

/** Creation of an instance: the machine's input from the body and the facts. */
export interface CreateRow<F = unknown, Dto extends object = object> {
  readonly body: Type<Dto>;
  readonly roles: readonly UserRole[];
  readonly summary: string;
  input(facts: F, input: { ctx: RequestContext; dto: Dto }): unknown;
  after?(facts: F, input: { ctx: RequestContext; dto: Dto; tx: PoolClient; instance: InstanceRecord }): Promise<void>;
  /** Turns a database error of the creation (e.g. a unique reference) into a domain error, or leaves it. */
  conflict?(error: unknown, dto: Dto): Error | undefined;
}

/** One step the instance's state offers, with where to send it and, when blocked, why. */
export interface NextStep {
  command: string;
  method: string;
  path: string;
  allowed: boolean;
  /** The refusing rules' messages, joined; null when allowed. */
  reason: string | null;
  /** What the step would do now, when allowed and there is something useful to say. */
  hint: string | null;
  violations: { code: string; message: string }[];
}

/**
 * How a module shows its instances: the same view answers GET and every command. `nextSteps` is the
 * dispatcher's list (one source for every workflow), for views that show it.
 */
export interface CommandView<V> {
  view(ctx: RequestContext, instance: InstanceRecord, nextSteps: NextStep[]): Promise<V>;
}

export interface CommandTable<F = unknown, V = unknown> {
  /** Workflow type (`motion`). */
  readonly workflow: string;
  /** What a missing instance is called in a 404 (`Motion`). */
  readonly noun: string;
  /** URL segment of the collection (`motions`). */
  readonly resource: string;
  /** Key of the view in a command's answer (`motion`). */
  readonly key: string;
  /** OpenAPI tag. */
  readonly tag: string;
  /** The injectable that looks facts up (its methods are what rows call). */
  readonly facts: Type<F>;
  /** The injectable view and its response DTO class. */
  readonly view: Type<CommandView<V>>;
  readonly viewDto: Type<V>;
  readonly create?: CreateRow<F>;
  /** Facts that let the next steps preview a rule that otherwise needs the payload (e.g. RELEASE's competences). */
  preview?(facts: F, ctx: RequestContext, instance: InstanceRecord): Promise<Readonly<Record<string, unknown>>>;
  readonly commands: readonly CommandRow<F>[];
}

/** Declares a workflow's table (rows made with `command` and `creation`, so their DTOs type their facts). */
export function commandTable<F, V>(table: CommandTable<F, V>): CommandTable<F, V> {
  return table;
}

/** The create row, its `input` typed by its DTO. */
export function creation<F, Dto extends object>(row: CreateRow<F, Dto>): CreateRow<F> {
  return row;
}

/** A row, its `facts` typed by its DTO. */
export function command<F, Dto extends object = Record<string, never>>(row: CommandRow<F, Dto>): CommandRow<F> {
  return row;
}

/** The concrete path of a row for one instance, e.g. `/motions/{id}/proposals/{key}` with the id filled in. */
export function commandPath(table: Pick<CommandTable, 'resource'>, row: Pick<CommandRow, 'path'>, id?: string): string {
  const base = `/${table.resource}/${id ?? '{id}'}`;
  return row.path ? `${base}/${row.path.replace(/:(\w+)/g, '{$1}')}` : base;
}
