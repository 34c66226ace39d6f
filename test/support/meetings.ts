/**
 * Test support for the meetings e2e specs: one meeting's timeline and a way to bring a fresh
 * meeting to any stage of it over HTTP, as a clerk would.
 */
import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import type { TestApp } from './app';
import { client, meeting, type SeatedBody } from './motions';

/** Created 18 days ahead, invited 9 days ahead (the Coesfeld bodies' Ladungsfrist is 6 days), begun. */
export const TIMELINE = {
  created: '2020-08-01T09:00:00+02:00',
  invited: '2020-08-10T09:00:00+02:00',
  start: '2020-08-19T17:00:00+02:00',
  begun: '2020-08-19T17:10:00+02:00',
} as const;

/** `begun`: invited, and the app's clock is past the start (attendance and "held" are possible). */
export type MeetingStage = 'scheduled' | 'invited' | 'begun' | 'held' | 'cancelled';

/** What every meeting command answers. */
export interface MeetingAnswer {
  meeting: MeetingDetailDto;
  event: { seq: number; type: string; payload: Record<string, unknown>; idempotencyKey: string | null };
  nextSteps: { command: string; method: string; path: string; allowed: boolean }[];
}

/**
 * A fresh meeting of `body` on the timeline, brought to `stage`; the app's clock is left at the
 * stage's time. `held` records the first `present` voting members as attending.
 */
export async function meetingAt(t: TestApp, body: SeatedBody, stage: MeetingStage, present = 9): Promise<{ id: string }> {
  const api = client(t);
  t.clock.set(TIMELINE.created);
  const { id } = await meeting(api, body.id, TIMELINE.start);
  if (stage === 'cancelled') await api.post(`/meetings/${id}/cancellation`, { reason: 'Raum nicht verfügbar' });
  if (stage === 'scheduled' || stage === 'cancelled') return { id };
  t.clock.set(TIMELINE.invited);
  await api.post(`/meetings/${id}/invitation`, {});
  if (stage === 'invited') return { id };
  t.clock.set(TIMELINE.begun);
  if (stage === 'held') {
    await api.put(`/meetings/${id}/attendance`, { personIds: body.members.slice(0, present) });
    await api.post(`/meetings/${id}/held`);
  }
  return { id };
}
