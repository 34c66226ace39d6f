import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../root';
import { historyQuery, instanceQuery } from '../../shared/queries';

export interface InstancesSearch {
  type?: string;
  page?: number;
}

/** The auditor: every instance (verify all), and one instance's history, state as of, diagram and evidence. */
export const auditListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pruefung',
  validateSearch: (search: Record<string, unknown>): InstancesSearch => {
    const page = Number(search.page);
    return { type: typeof search.type === 'string' && search.type ? search.type : undefined, page: Number.isInteger(page) && page > 1 ? page : undefined };
  },
  component: lazyRouteComponent(() => import('./instances'), 'AuditInstances'),
});

export const auditInstanceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pruefung/$id',
  loader: ({ params, context }) => {
    void context.queryClient.prefetchQuery(instanceQuery(params.id));
    void context.queryClient.prefetchQuery(historyQuery(params.id));
  },
  component: lazyRouteComponent(() => import('./instance-page'), 'AuditInstancePage'),
});

export const auditRoutes = [auditListRoute, auditInstanceRoute] as const;
