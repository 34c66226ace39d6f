import type { NavEntry } from '../../shared/nav';

/** The auditor's pages (history, state as of, verification) add their entries here. */
export const auditNav: NavEntry[] = [];
