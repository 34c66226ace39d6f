import { Module, type OnModuleInit } from '@nestjs/common';
import { ROLES } from '../auth/policy';
import { TypeOrmModule } from '@nestjs/typeorm';
import { commandRoutes } from '../engine/command-routes';
import { toBerlinIso } from '../common/berlin-time';
import { DeadlineTexts, meetingDeadlineText } from '../deadlines/deadline-texts';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { EngineService } from '../engine/engine.service';
import { meetingEntities } from './entities';
import { meetingCommands } from './meetings.commands';
import { MeetingsController } from './meetings.controller';
import { MeetingsFacts } from './meetings.facts';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsView } from './meetings.view';
import { maySeeNonPublic } from '../motions/visibility';

/**
 * Meetings (Sitzungen) and their agendas, on the `meeting` workflow. Exports MeetingsRepository:
 * the motions module asks it for a meeting's facts inside its own events' transactions.
 */
@Module({
  imports: [TypeOrmModule.forFeature(meetingEntities), DeadlinesModule],
  controllers: [commandRoutes(meetingCommands), MeetingsController],
  providers: [MeetingsRepository, MeetingsFacts, MeetingsView],
  exports: [MeetingsRepository],
})
export class MeetingsModule implements OnModuleInit {
  constructor(
    private readonly engine: EngineService,
    private readonly meetings: MeetingsRepository,
    private readonly deadlines: DeadlineTexts,
  ) {}

  /** Meeting events need facts only this module looks up: the generic engine API may not send them. */
  onModuleInit(): void {
    // the events carry nichtöffentliche agenda items' titles: raw records only for roles that may see them
    this.engine.claim(meetingCommands.workflow, '/meetings/{id}/…', this.meetings.project, { rawReaders: ROLES.filter(maySeeNonPublic) });
    // GET /deadlines words a meeting's Ladungsfrist with its body and start
    this.deadlines.register(meetingCommands.workflow, async (ctx, timers) =>
      Promise.all(
        timers.map(async (t) => {
          const meeting = await this.meetings.find(ctx.tenant, t.instanceId);
          return meeting ? meetingDeadlineText({ bodyName: meeting.body!.name, start: toBerlinIso(meeting.start) }) : { subject: 'Sitzung', label: t.name };
        }),
      ),
    );
  }
}
