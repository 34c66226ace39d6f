/** One entry of the main navigation; each area declares its own in pages/<area>/nav.ts. */
export interface NavEntry {
  to: string;
  label: string;
  /** Roles that see the entry (admins see every entry) */
  roles: string[];
}
