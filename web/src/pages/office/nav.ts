import type { NavEntry } from '../../shared/nav';

/** The managing office's pages: selection procedures, grants, deadlines (auditors read them too). */
export const officeNav: NavEntry[] = [
  { to: '/auswahlverfahren', label: 'Auswahlverfahren', roles: ['office', 'auditor'] },
  { to: '/zuwendungen', label: 'Zuwendungen', roles: ['office', 'auditor'] },
  { to: '/fristen', label: 'Fristen', roles: ['office', 'clerk'] },
];
