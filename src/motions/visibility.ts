/**
 * Who may see nichtöffentliche content (non-public agenda items, non-public outline sections), and
 * how a motion's outline looks to a caller. The one place this rule lives; pure, so it is unit-tested.
 */
import type { Outline } from '../../workflows/motion';
import type { UserRole } from '../auth/roles';

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
