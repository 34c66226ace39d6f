import type { NavEntry } from '../../shared/nav';

export const meetingsNav: NavEntry[] = [{ to: '/sitzungen', label: 'Sitzungen', roles: ['clerk', 'auditor'] }];
