import type { PoolClient } from 'pg';
import type { MeetingContext, MeetingState } from '../../workflows/meeting';
import type { Projector } from '../engine/engine.service';
import type { InstanceRecord } from '../engine/types';

/**
 * The `meetings` row is the projection of the meeting's engine instance (same id). The engine runs
 * this in the transaction of the creation and of every event, so the table the motions module reads
 * (agendas, locks, attendance) never disagrees with the log.
 */
export const projectMeeting: Projector = async (client: PoolClient, instance: InstanceRecord): Promise<void> => {
  const c = instance.context as MeetingContext;
  await client.query({
    name: 'bw_project_meeting',
    text: `INSERT INTO meetings (id, tenant, body_id, start, location, state, invitation_date, urgent_invitation_reason, attendees, present_members,
                                 held_at, minutes_approved_at, cancelled_at, cancel_reason, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, invitation_date = EXCLUDED.invitation_date,
             urgent_invitation_reason = EXCLUDED.urgent_invitation_reason, attendees = EXCLUDED.attendees, present_members = EXCLUDED.present_members,
             held_at = EXCLUDED.held_at, minutes_approved_at = EXCLUDED.minutes_approved_at, cancelled_at = EXCLUDED.cancelled_at,
             cancel_reason = EXCLUDED.cancel_reason, updated_at = EXCLUDED.updated_at`,
    values: [
      instance.id,
      instance.tenant,
      c.bodyId,
      c.start,
      c.location,
      instance.state as MeetingState, // a flat machine: the value is the state's name
      c.invitationDate,
      c.urgentInvitationReason,
      c.attendees,
      c.presentMembers,
      c.heldAt,
      c.minutesApprovedAt,
      c.cancelledAt,
      c.cancelReason,
      instance.createdAt,
      instance.updatedAt,
    ],
  });
};
