import { Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
import { toBerlinIso } from '../common/berlin-time';
import { EngineService } from '../engine/engine.service';
import type { RequestContext } from '../engine/types';
import { TimerService, type TimerRow } from './timer.service';
import { Endpoint } from '../common/endpoint';

export class TimerDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Europe/Berlin' }) fireAt!: string;
  @ApiProperty({ type: Object, description: 'The event sent through the engine when it fires' }) event!: Record<string, unknown>;
  @ApiProperty({ enum: ['pending', 'fired', 'refused', 'cancelled'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) firedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;

  static from(t: TimerRow): TimerDto {
    return { id: t.id, name: t.name, fireAt: toBerlinIso(t.fire_at), event: t.event, status: t.status, firedAt: t.fired_at ? toBerlinIso(t.fired_at) : null, note: t.note };
  }
}

@ApiTags('engine')
@ApiBearerAuth()
@Controller('instances')
export class TimersController {
  constructor(
    private readonly timers: TimerService,
    private readonly engine: EngineService,
  ) {}

  @Endpoint('GET', ':id/timers', { summary: 'Durable timers (deadlines) of an instance and whether they fired', type: [TimerDto], problems: [400, 401, 404] })
  async list(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<TimerDto[]> {
    await this.engine.get(ctx, id); // 404 across tenants
    return (await this.timers.list(ctx.tenant, id)).map((t) => TimerDto.from(t));
  }
}
