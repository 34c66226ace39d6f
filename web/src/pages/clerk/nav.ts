import type { NavEntry } from '../../shared/nav';

export const clerkNav: NavEntry[] = [{ to: '/vorlagen', label: 'Vorlagen', roles: ['clerk', 'auditor'] }];
