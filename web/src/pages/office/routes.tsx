import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../root';
import { grantQuery, procedureQuery } from '../../shared/queries';

export interface PageSearch {
  page?: number;
}

const pageOf = (search: Record<string, unknown>): PageSearch => {
  const page = Number(search.page);
  return { page: Number.isInteger(page) && page > 1 ? page : undefined };
};

/** The managing office: selection procedures (Auswahlverfahren), grants (Zuwendungen) and the deadlines. */
export const proceduresRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/auswahlverfahren',
  validateSearch: pageOf,
  component: lazyRouteComponent(() => import('./procedures-list'), 'ProceduresList'),
});

export const procedureRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/auswahlverfahren/$id',
  loader: ({ params, context }) => void context.queryClient.prefetchQuery(procedureQuery(params.id)),
  component: lazyRouteComponent(() => import('./procedure-page'), 'ProcedurePage'),
});

export const grantsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/zuwendungen',
  validateSearch: pageOf,
  component: lazyRouteComponent(() => import('./grants-list'), 'GrantsList'),
});

export const grantRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/zuwendungen/$id',
  loader: ({ params, context }) => void context.queryClient.prefetchQuery(grantQuery(params.id)),
  component: lazyRouteComponent(() => import('./grant-page'), 'GrantPage'),
});

export const deadlinesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/fristen',
  component: lazyRouteComponent(() => import('./deadlines'), 'DeadlinesPage'),
});

export const officeRoutes = [proceduresRoute, procedureRoute, grantsRoute, grantRoute, deadlinesRoute] as const;
