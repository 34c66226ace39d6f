/**
 * Who may see nichtöffentliche content (non-public agenda items, non-public outline sections), and
 * how a motion's outline looks to a caller. The one place this rule lives; pure, so it is unit-tested.
 */
import type { Outline } from '../../workflows/motion';
import type { UserRole } from '../auth/roles';
import type { MotionDto } from './dto/motion-view.dto';

export const OUTLINE_SECTIONS = ['problemAndSolution', 'alternatives', 'impacts', 'competence'] as const satisfies readonly (keyof Outline)[];
export type OutlineSection = (typeof OUTLINE_SECTIONS)[number];

/**
 * The Sitzungsdienst prepares the nichtöffentlicher Teil, admins run the system, and the
 * Rechnungsprüfung reads everything. The geschäftsführende Stelle (`office`) does not.
 */
const NON_PUBLIC_READERS: readonly string[] = ['clerk', 'admin', 'auditor'] satisfies UserRole[];

/** Unknown roles (e.g. `system`) may not: the rule fails closed. */
export function maySeeNonPublic(role: string): boolean {
  return NON_PUBLIC_READERS.includes(role);
}

export type OutlineView = { [S in OutlineSection]?: string | null } & {
  nonPublicSections: OutlineSection[];
  hidden: boolean;
};

/**
 * The outline as `role` may see it: every non-public section's text becomes null and `hidden` is
 * true when anything was withheld. Which sections are non-public is no secret and always shown.
 */
export function outlineFor(role: string, outline: Outline, nonPublic: readonly string[]): OutlineView {
  const nonPublicSections = OUTLINE_SECTIONS.filter((s) => nonPublic.includes(s));
  const hidden = nonPublicSections.length > 0 && !maySeeNonPublic(role);
  const view: OutlineView = { nonPublicSections, hidden };
  for (const s of OUTLINE_SECTIONS) {
    if (hidden && nonPublicSections.includes(s)) view[s] = null;
    else if (outline[s] !== undefined) view[s] = outline[s];
  }
  return view;
}

/** The agenda item a consultation was (or is) on: its position and whether it is public. */
export interface ConsultationItem {
  position: number;
  public: boolean;
}

interface RecordShape {
  no: number;
  meetingId: string | null;
  agendaPosition: number | null;
  nonPublic: boolean;
  results: { votes: unknown }[];
  vote: unknown;
}

/**
 * A consultation record as `role` may see it. Each record gets its agenda position and whether its
 * item is nichtöffentlich; for a role that may not see non-public content, a non-public item's
 * meeting, agenda position and votes are withheld (null). That the motion was deliberated, by whom
 * and with what outcome stays visible: the decision itself is announced.
 */
export function consultationFor<T extends RecordShape>(role: string, record: T, item: ConsultationItem | undefined): T {
  const nonPublic = item?.public === false;
  const shown = { ...record, agendaPosition: item?.position ?? null, nonPublic };
  if (!nonPublic || maySeeNonPublic(role)) return shown;
  return { ...shown, meetingId: null, agendaPosition: null, vote: null, results: record.results.map((r) => ({ ...r, votes: null })) };
}

/**
 * The motion's record as `role` may see it: every consultation as `consultationFor` shows it, and
 * the meeting of a withheld consultation withheld wherever else the record names it (the origin of
 * a proposal version an amendment there created, an open Kenntnisnahme).
 */
export function recordFor(role: string, motion: MotionDto, items: ReadonlyMap<number, ConsultationItem>): MotionDto {
  const consultations = motion.consultations.map((c) => consultationFor(role, c, items.get(c.no)));
  const withheld = new Set(consultations.filter((c, i) => c.meetingId === null && motion.consultations[i]!.meetingId !== null).map((c) => c.no));
  if (withheld.size === 0) return { ...motion, consultations };
  const hiddenMeetings = new Set(motion.consultations.filter((c) => withheld.has(c.no)).map((c) => c.meetingId));
  return {
    ...motion,
    consultations,
    proposals: motion.proposals.map((p) => ({
      ...p,
      versions: p.versions.map((v) => (v.origin.consultationNo !== undefined && withheld.has(v.origin.consultationNo) ? { ...v, origin: { ...v.origin, meetingId: null } } : v)),
    })),
    kenntnisnahme: motion.kenntnisnahme.map((k) => (hiddenMeetings.has(k.meetingId) ? { ...k, meetingId: null } : k)),
  };
}
