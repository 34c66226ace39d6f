/** Our roles. Kept free of framework imports so configuration parsing can use them. */
export const ROLES = ['clerk', 'office', 'auditor', 'admin'] as const;
export type UserRole = (typeof ROLES)[number];
