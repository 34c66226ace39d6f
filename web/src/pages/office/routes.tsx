/** The managing office's routes (children of rootRoute, e.g. /auswahlverfahren, /zuwendungen), as a tuple. */
export const officeRoutes = [] as const;
