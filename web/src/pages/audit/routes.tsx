/** The auditor's routes (children of rootRoute, e.g. /pruefung/$id), as a tuple. */
export const auditRoutes = [] as const;
