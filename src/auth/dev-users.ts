import type { UserRole } from './policy';

export const DEV_TENANT = { id: 'kreis-coesfeld', name: 'Kreis Coesfeld' };

/**
 * Demo users for development on the embedded database only (never with NODE_ENV=production).
 * Their tokens are fixed so the README's curl walkthrough can be pasted as it is.
 */
export const DEV_USERS: readonly { userId: string; role: UserRole; name: string; prefix: string; secret: string }[] = [
  { userId: 'demo-clerk', role: 'clerk', name: 'Sitzungsdienst (demo)', prefix: 'dev-clerk', secret: 'coesfeld-demo-clerk-2020' },
  { userId: 'demo-office', role: 'office', name: 'Geschäftsführende Stelle (demo)', prefix: 'dev-office', secret: 'coesfeld-demo-office-2020' },
  { userId: 'demo-auditor', role: 'auditor', name: 'Rechnungsprüfung (demo)', prefix: 'dev-auditor', secret: 'coesfeld-demo-auditor-2020' },
  { userId: 'demo-admin', role: 'admin', name: 'Administration (demo)', prefix: 'dev-admin', secret: 'coesfeld-demo-admin-2020' },
];

export const devToken = (u: { prefix: string; secret: string }) => `bw_${u.prefix}_${u.secret}`;
