import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AnyMachineSnapshot } from 'xstate';
import { canonicalJson } from '../common/canonical-json';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/pg-errors';
import { DomainError } from '../common/problem';
import { commandPath, type CommandRow, type CommandTable, type CommandView } from './commands';
import { EventDto } from './dto';
import { EngineService } from './engine.service';
import { sha256 } from './hash';
import { WorkflowRegistry } from './registry';
import type { Applied, InstanceRecord, RequestContext } from './types';

/** One step the instance's state offers, with where to send it and, when blocked, why. */
export interface NextStep {
  command: string;
  method: string;
  path: string;
  allowed: boolean;
  /** The refusing rules' messages, joined; null when allowed. */
  reason: string | null;
  violations: { code: string; message: string }[];
}

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
   * Creates an instance from the table's create row and answers with its view. With an Idempotency-Key,
   * the key is looked up first (before any facts, which the first creation may have changed): the same
   * request again answers with the instance it created and writes nothing; another request under the
   * key is 422. A concurrent twin that inserted first is found the same way after the unique index refuses.
   */
  async create<F, V>(table: CommandTable<F, V>, ctx: RequestContext, dto: object, idempotencyKey?: string): Promise<{ body: V; version: number; replayed: boolean }> {
    const row = table.create;
    if (!row) throw new Error(`${table.workflow} has no create row`);
    const idempotency = idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestHash: sha256(canonicalJson({ command: 'create', body: dto })) };
    const earlier = idempotency && (await this.replayCreation(table, ctx, idempotency));
    if (earlier) return earlier;
    const facts = this.moduleRef.get(table.facts, { strict: false });
    const input = await row.input(facts, { ctx, dto });
    try {
      const instance = await this.engine.create(ctx, table.workflow, input, { after: async (tx, created) => row.after?.(facts, { ctx, dto, tx, instance: created }), idempotency });
      return { body: await this.view(table, ctx, instance), version: instance.version, replayed: false };
    } catch (error) {
      const twin = idempotency && isUniqueViolation(error) ? await this.replayCreation(table, ctx, idempotency) : undefined;
      if (twin) return twin;
      throw row.conflict?.(error, dto) ?? error;
    }
  }

  private async replayCreation<F, V>(table: CommandTable<F, V>, ctx: RequestContext, idempotency: { key: string; requestHash: string }): Promise<{ body: V; version: number; replayed: boolean } | undefined> {
    const found = await this.engine.findCreation(ctx, table.workflow, idempotency.key);
    if (!found) return undefined;
    if (found.requestHash !== idempotency.requestHash) {
      throw new DomainError(
        422,
        'WORKFLOW.IDEMPOTENCY_KEY_REUSED',
        `Idempotency key "${idempotency.key}" was already used to create another ${table.noun.toLowerCase()} (${found.instance.id}) with a different request. Nothing was written.`,
        { instanceId: found.instance.id },
      );
    }
    return { body: await this.view(table, ctx, found.instance), version: found.instance.version, replayed: true };
  }

  view<F, V>(table: CommandTable<F, V>, ctx: RequestContext, instance: InstanceRecord): Promise<V> {
    return this.moduleRef.get<CommandView<V>>(table.view, { strict: false }).view(ctx, instance);
  }

  /**
   * The steps the instance's state handles that a row of the table sends, each allowed or blocked with
   * the machine's reason (its rules without a payload). One source for every workflow's "next steps".
   */
  nextSteps(table: CommandTable<never, unknown> | CommandTable<unknown, unknown>, instance: InstanceRecord): NextStep[] {
    const definition = this.registry.get(instance.workflowType, instance.machineVersion);
    const snapshot = definition.machine.resolveState({ value: instance.state, context: instance.context }) as AnyMachineSnapshot;
    return definition.steps(snapshot as never, this.clock.now().toISOString()).flatMap((check) =>
      table.commands
        .filter((row) => row.event === check.event)
        .map((row) => ({
          command: row.event,
          method: row.method,
          path: commandPath(table, row, instance.id),
          allowed: check.allowed,
          reason: check.allowed ? null : check.violations.map((v) => v.message).join(' ') || null,
          violations: [...check.violations],
        })),
    );
  }

  private async answer<F, V>(table: CommandTable<F, V>, ctx: RequestContext, applied: Applied): Promise<CommandResult<V>> {
    const view = await this.view(table, ctx, applied.instance);
    return { [table.key]: view, event: EventDto.from(applied.event), nextSteps: this.nextSteps(table, applied.instance) };
  }

  /** A refusal names the steps that are possible instead (a read only on this path). */
  private async withNextSteps<F, V>(table: CommandTable<F, V>, ctx: RequestContext, id: string, error: unknown): Promise<unknown> {
    if (!(error instanceof DomainError) || !('allowedEvents' in error.extras)) return error;
    const instance = await this.engine.get(ctx, id).catch(() => undefined);
    if (!instance) return error;
    return new DomainError(error.status, error.code, error.message, { ...error.extras, nextSteps: this.nextSteps(table, instance) });
  }
}
