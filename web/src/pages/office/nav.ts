import type { NavEntry } from '../../shared/nav';

/** The managing office's pages (selection procedures, grants) add their entries here. */
export const officeNav: NavEntry[] = [];
