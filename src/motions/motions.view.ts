import { Injectable, OnModuleInit } from '@nestjs/common';
import { implementationSummary, overdueTasks, statusOf, type MotionContext } from '../../workflows/motion';
import { ROLES } from '../auth/policy';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import type { CommandView, NextStep } from '../engine/commands';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, Page, RequestContext } from '../engine/types';
import { CouncilService } from '../council/council.service';
import type { ImplementationQueryDto, MotionQueryDto } from './dto/motion-commands.dto';
import { ImplementationReportDto, MotionDto, MotionSummaryDto, OverdueTaskDto, TaskDto } from './dto/motion-view.dto';
import { MotionsRepository } from './motions.repository';
import { maySeeNonPublic, outlineFor, recordFor } from './visibility';
import { MeetingsRepository } from '../meetings/meetings.repository';

/** How motions look to a caller: one motion (for GET and every command's answer), lists and the Beschlusskontrolle reports. */
@Injectable()
export class MotionView implements CommandView<MotionDto>, OnModuleInit {
  constructor(
    private readonly engine: EngineService,
    private readonly repository: MotionsRepository,
    private readonly bodies: CouncilService,
    private readonly meetings: MeetingsRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The raw context holds non-public outline sections: only roles that may see them read it through the engine API.
    this.engine.claim('motion', '/motions/{id}/…', this.repository.project, { rawReaders: ROLES.filter(maySeeNonPublic), row: this.repository.listingRow });
  }

  async view(ctx: RequestContext, instance: InstanceRecord, nextSteps: NextStep[]): Promise<MotionDto> {
    const context = instance.context as MotionContext;
    const outline = outlineFor(ctx.actor.role, context.outline, await this.repository.nonPublicSections(ctx, instance.id));
    // only a withdrawn motion is followed up; its follow-up names it in the listing
    const successor = statusOf(instance.state) === 'withdrawn' ? await this.repository.successor(ctx, instance.id) : null;
    const motion = MotionDto.from(instance, nextSteps, this.clock.now(), outline, successor);
    return recordFor(ctx.actor.role, motion, await this.meetings.motionAgendaItems(ctx.tenant, instance.id));
  }

  async list(ctx: RequestContext, q: MotionQueryDto): Promise<Page<MotionSummaryDto>> {
    const { rows, total } = await this.repository.list(ctx, q);
    return {
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        title: r.title,
        department: r.department,
        status: r.status,
        decidingBodyId: r.deciding_body_id,
        decidingBodyName: r.deciding_body_name,
        currentBodyId: r.current_body_id,
        currentBodyName: r.current_body_name,
        updatedAt: toBerlinIso(r.updated_at),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  /** Tasks past their due day and neither done nor cancelled, earliest due first. */
  async overdue(ctx: RequestContext, q: ImplementationQueryDto): Promise<OverdueTaskDto[]> {
    const now = this.clock.now();
    const motions = await this.repository.withTasks(ctx, q.bodyId);
    return motions
      .flatMap((m) =>
        overdueTasks(m.context, now.toISOString()).map((task) => ({
          motionId: m.id,
          reference: m.context.reference,
          title: m.context.title,
          decidingBodyId: m.decidingBodyId,
          task: TaskDto.from(task, now),
        })),
      )
      .sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate) || a.reference.localeCompare(b.reference));
  }

  /** Per deciding body: how many tasks are on track, overdue, done or cancelled. */
  async report(ctx: RequestContext, q: ImplementationQueryDto): Promise<ImplementationReportDto[]> {
    const now = this.clock.now().toISOString();
    const motions = (await this.repository.withTasks(ctx, q.bodyId)).filter((m) => m.context.tasks.length > 0);
    const bodies = await this.bodies.listBodies(ctx);
    const rows = new Map<string, ImplementationReportDto>();
    for (const m of motions) {
      const body = bodies.find((b) => b.id === m.decidingBodyId);
      if (!body) continue;
      const row = rows.get(body.id) ?? { bodyId: body.id, bodyName: body.name, motions: 0, onTrack: 0, overdue: 0, done: 0, cancelled: 0 };
      const summary = implementationSummary(m.context, now);
      row.motions += 1;
      row.onTrack += summary.onTrack;
      row.overdue += summary.overdue;
      row.done += summary.done;
      row.cancelled += summary.cancelled;
      rows.set(body.id, row);
    }
    return [...rows.values()].sort((a, b) => a.bodyName.localeCompare(b.bodyName));
  }
}
