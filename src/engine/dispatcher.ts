import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AnyMachineSnapshot } from 'xstate';
import { canonicalJson } from '../common/canonical-json';
import { Clock } from '../common/clock';
import { DomainError } from '../common/problem';
import { commandPath, type CommandRow, type CommandTable, type CommandView, type NextStep } from './commands';
import { notFound } from '../common/problem';
import { EventDto } from './dto';
import { creationHash, EngineService } from './engine.service';
import { sha256 } from './hash';
import { WorkflowRegistry } from './registry';
import type { Applied, InstanceRecord, RequestContext } from './types';

/** The one answer of every command: the resource as the event left it, the event, and what can be done next. */
export type CommandResult<V> = { event: EventDto; nextSteps: NextStep[] } & Record<string, V | EventDto | NextStep[]>;

export interface CommandRequest {
  ctx: RequestContext;
  id: string;
  params: Record<string, string>;
  dto: object;
  idempotencyKey?: string;
  expectedVersion?: number;
}

/**
 * Runs any row of any command table: facts → engine.apply → after → view, all but the view in the
 * engine's one transaction (which retries on conflicts). Idempotency keys, If-Match versions and the
 * answer's shape are the same for every command of every workflow.
 */
@Injectable()
export class CommandDispatcher {
  constructor(
    private readonly engine: EngineService,
    private readonly registry: WorkflowRegistry,
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
  ) {}

  async run<F, V>(table: CommandTable<F, V>, row: CommandRow<F>, req: CommandRequest): Promise<{ body: CommandResult<V>; version: number; replayed: boolean }> {
    const facts = this.moduleRef.get(table.facts, { strict: false });
    const { ctx, dto, params } = req;
    try {
      const applied = await this.engine.apply(ctx, req.id, {
        type: row.event,
        of: { type: table.workflow, noun: table.noun },
        idempotencyKey: req.idempotencyKey,
        expectedVersion: req.expectedVersion,
        // the request, not the looked-up facts: facts may change between a lost answer and its retry
        requestHash: sha256(canonicalJson({ command: row.event, params, body: dto })),
        payload: (tx, instance) => (row.facts ? row.facts(facts, { ctx, dto, params, tx, instance }) : { ...dto }),
        after: async (tx, done) => row.after?.(facts, { ctx, dto, params, tx, instance: done.instance, applied: done }),
      });
      return { body: await this.answer(table, ctx, applied), version: applied.instance.version, replayed: applied.replayed };
    } catch (error) {
      throw await this.withNextSteps(table, ctx, req.id, error);
    }
  }

  /**
   * Creates an instance from the table's create row and answers with its view; an Idempotency-Key
   * is honoured as the engine's `createOnce` describes (the facts are looked up only for a new key).
   */
  async create<F, V>(table: CommandTable<F, V>, ctx: RequestContext, dto: object, idempotencyKey?: string): Promise<{ body: V; version: number; replayed: boolean }> {
    const row = table.create;
    if (!row) throw new Error(`${table.workflow} has no create row`);
    const idempotency = idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestHash: creationHash(dto) };
    const { instance, replayed } = await this.engine
      .createOnce(ctx, table.workflow, table.noun.toLowerCase(), idempotency, async () => {
        const facts = this.moduleRef.get(table.facts, { strict: false });
        const input = await row.input(facts, { ctx, dto });
        return this.engine.create(ctx, table.workflow, input, { after: async (tx, created) => row.after?.(facts, { ctx, dto, tx, instance: created }), idempotency });
      })
      .catch((error: unknown) => {
        throw row.conflict?.(error, dto) ?? error;
      });
    return { body: await this.view(table, ctx, instance), version: instance.version, replayed };
  }

  /** One instance of the table's workflow as its view shows it (404 in the table's words for anything else). */
  async get<F, V>(table: CommandTable<F, V>, ctx: RequestContext, id: string): Promise<V> {
    const instance = await this.engine.get(ctx, id).catch((error: unknown) => {
      throw error instanceof DomainError && error.status === 404 ? notFound(table.noun, id) : error;
    });
    if (instance.workflowType !== table.workflow) throw notFound(table.noun, id);
    return this.view(table, ctx, instance);
  }

  async view<F, V>(table: CommandTable<F, V>, ctx: RequestContext, instance: InstanceRecord): Promise<V> {
    return this.moduleRef.get<CommandView<V>>(table.view, { strict: false }).view(ctx, instance, await this.nextSteps(table, ctx, instance));
  }

  /**
   * The steps the instance's state offers that a row of the table sends, in the table's order, each
   * allowed or blocked with the machine's reason (its rules without a payload, plus the table's
   * preview facts). The one source of every workflow's "next steps", and of `allowedEvents`.
   */
  async nextSteps<F, V>(table: CommandTable<F, V>, ctx: RequestContext, instance: InstanceRecord): Promise<NextStep[]> {
    const definition = this.registry.get(instance.workflowType, instance.machineVersion);
    const snapshot = definition.machine.resolveState({ value: instance.state, context: instance.context }) as AnyMachineSnapshot;
    if (snapshot.status !== 'active') return [];
    const preview = table.preview ? await table.preview(this.moduleRef.get(table.facts, { strict: false }), ctx, instance) : undefined;
    const steps = new Map(definition.steps(snapshot as never, this.clock.now().toISOString(), preview).map((s) => [s.event, s]));
    return table.commands.flatMap((row) => {
      const step = steps.get(row.event);
      if (!step) return [];
      return [
        {
          command: row.event,
          method: row.method,
          path: commandPath(table, row, instance.id),
          allowed: step.allowed,
          reason: step.allowed ? null : step.violations.map((v) => v.message).join(' ') || null,
          hint: (step.allowed && definition.hint?.(snapshot as never, row.event)) || null,
          violations: [...step.violations],
        },
      ];
    });
  }

  private async answer<F, V>(table: CommandTable<F, V>, ctx: RequestContext, applied: Applied): Promise<CommandResult<V>> {
    const nextSteps = await this.nextSteps(table, ctx, applied.instance);
    const view = await this.moduleRef.get<CommandView<V>>(table.view, { strict: false }).view(ctx, applied.instance, nextSteps);
    return { [table.key]: view, event: EventDto.from(applied.event), nextSteps };
  }

  /** A refusal names the steps that are possible instead (a read only on this path). */
  private async withNextSteps<F, V>(table: CommandTable<F, V>, ctx: RequestContext, id: string, error: unknown): Promise<unknown> {
    if (!(error instanceof DomainError) || !('allowedEvents' in error.extras)) return error;
    const instance = await this.engine.get(ctx, id).catch(() => undefined);
    if (!instance) return error;
    const nextSteps = await this.nextSteps(table, ctx, instance);
    // allowedEvents and the next steps come from the same rules, so they agree
    const allowedEvents = [...new Set(nextSteps.filter((s) => s.allowed).map((s) => s.command))];
    return new DomainError(error.status, error.code, error.message, { ...error.extras, allowedEvents, nextSteps });
  }
}
