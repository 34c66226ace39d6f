import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { hasQuorum } from '../../../workflows/motion';
import { toBerlinIso } from '../../common/berlin-time';
import { NextStepDto } from '../../common/openapi';
import type { NextStep } from '../../engine/commands';
import { PageQueryDto } from '../../engine/dto';
import type { BodyEntity } from '../../council/entities';
import { NON_BLANK } from '../../common/patterns';
import { IsInstant } from '../../common/validators';
import type { AgendaItemEntity, MeetingEntity, MeetingState } from '../entities';
import type { Attendee } from '../meetings.repository';

export const MEETING_STATES: readonly MeetingState[] = ['scheduled', 'invited', 'held', 'minutesApproved', 'cancelled'];

export class CreateMeetingDto {
  @ApiProperty({ description: 'The body that meets', format: 'uuid' })
  @IsUUID('all', { message: 'bodyId must be the id of a body' })
  bodyId!: string;

  @ApiProperty({ example: '2020-08-19T17:00:00+02:00' })
  @IsInstant('start')
  start!: string;

  @ApiProperty({ example: 'Kreishaus Coesfeld, Großer Sitzungssaal' })
  @IsString()
  @MaxLength(300)
  @Matches(NON_BLANK, { message: 'location must not be empty' })
  location!: string;
}

export class MeetingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'bodyId must be the id of a body' })
  bodyId?: string;

  @ApiPropertyOptional({ enum: MEETING_STATES })
  @IsOptional()
  @IsIn(MEETING_STATES)
  state?: MeetingState;

  @ApiPropertyOptional({ example: '2020-08-01T00:00:00+02:00', description: 'Meetings starting at or after' })
  @IsOptional()
  @IsInstant('from')
  from?: string;

  @ApiPropertyOptional({ example: '2020-09-30T23:59:59+02:00', description: 'Meetings starting at or before' })
  @IsOptional()
  @IsInstant('to')
  to?: string;
}

export class InviteDto {
  @ApiPropertyOptional({ description: 'Needed when only the shorter urgent invitation period is met; goes on record' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(NON_BLANK, { message: 'urgentReason must not be empty' })
  urgentReason?: string;
}

export class AttendanceDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Persons present; each must hold a seat on the body on the meeting day' })
  @IsUUID('all', { each: true, message: 'personIds must be person ids' })
  @ArrayUnique()
  @ArrayMaxSize(500)
  personIds!: string[];
}

export class CancelMeetingDto {
  @ApiProperty({ example: 'Beschlussunfähigkeit absehbar' })
  @IsString()
  @MaxLength(2000)
  @Matches(NON_BLANK, { message: 'reason must not be empty' })
  reason!: string;
}

export class AddAgendaItemDto {
  @ApiProperty({ example: 'Mitteilungen der Verwaltung' })
  @IsString()
  @MaxLength(500)
  @Matches(NON_BLANK, { message: 'title must not be empty' })
  title!: string;

  @ApiProperty({ description: 'Öffentlicher (true) or nichtöffentlicher (false) Teil' })
  @IsBoolean()
  public!: boolean;
}

// ---- responses ----------------------------------------------------------------------------

export class AttendeeDto {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Held a voting seat on the meeting day (counts for quorum)' }) votingRight!: boolean;
}

export class AttendanceViewDto {
  @ApiProperty({ type: [AttendeeDto] }) attendees!: AttendeeDto[];
  @ApiProperty({ description: 'Voting members present' }) presentMembers!: number;
  @ApiProperty() statutoryMembers!: number;
  @ApiProperty({ description: 'More than half of the statutory members present' }) quorate!: boolean;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'TOP number among the items still on the agenda that you may see' }) number!: number | null;
  @ApiProperty({ description: 'Order of placement; never reused' }) position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'false: nichtöffentlicher Teil' }) public!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) motionId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The motion's consultation number" }) consultationNo!: number | null;
  @ApiProperty({ enum: ['scheduled', 'removed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) removedReason!: string | null;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) bodyId!: string;
  @ApiProperty() bodyName!: string;
  @ApiProperty() start!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ enum: MEETING_STATES }) state!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Berlin day the invitation went out' }) invitationDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) urgentInvitationReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) heldAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) minutesApprovedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;

  static from(m: MeetingEntity, body: BodyEntity): MeetingDto {
    const at = (d: Date | null) => (d ? toBerlinIso(d) : null);
    return {
      id: m.id,
      bodyId: m.bodyId,
      bodyName: body.name,
      start: toBerlinIso(m.start),
      location: m.location,
      state: m.state,
      invitationDate: m.invitationDate,
      urgentInvitationReason: m.urgentInvitationReason,
      heldAt: at(m.heldAt),
      minutesApprovedAt: at(m.minutesApprovedAt),
      cancelledAt: at(m.cancelledAt),
      cancelReason: m.cancelReason,
    };
  }
}

export class MeetingDetailDto extends MeetingDto {
  @ApiProperty({ type: AttendanceViewDto, nullable: true, description: 'null until attendance is recorded' }) attendance!: AttendanceViewDto | null;
  @ApiProperty({ type: [AgendaItemDto], description: 'Ordered by position, removed items included; nichtöffentliche items only for roles that may see them' }) agenda!: AgendaItemDto[];
  @ApiProperty({ type: [NextStepDto], description: 'What the state allows now, each allowed or blocked with its reason' }) nextSteps!: NextStepDto[];

  static detail(m: MeetingEntity, body: BodyEntity, items: AgendaItemEntity[], attendees: Attendee[] | null, nextSteps: NextStep[]): MeetingDetailDto {
    let number = 0;
    return {
      ...MeetingDto.from(m, body),
      nextSteps,
      attendance:
        attendees === null
          ? null
          : {
              attendees: attendees.map((a) => ({ personId: a.person.id, name: a.person.name, votingRight: a.votingRight })),
              presentMembers: m.presentMembers ?? 0,
              statutoryMembers: body.statutoryMembers,
              quorate: hasQuorum({ present: m.presentMembers ?? 0, statutoryMembers: body.statutoryMembers }),
            },
      agenda: items.map((i) => ({
        id: i.id,
        number: i.status === 'scheduled' ? ++number : null,
        position: i.position,
        title: i.title,
        public: i.public,
        motionId: i.motionInstanceId,
        consultationNo: i.consultationNo,
        status: i.status,
        removedReason: i.removedReason,
      })),
    };
  }
}

export class MeetingPageDto {
  @ApiProperty({ type: [MeetingDto] }) items!: MeetingDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
