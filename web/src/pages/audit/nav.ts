import type { NavEntry } from '../../shared/nav';

/** The auditor's pages: every instance with verification, and each instance's evidence. */
export const auditNav: NavEntry[] = [{ to: '/pruefung', label: 'Prüfung', roles: ['auditor'] }];
