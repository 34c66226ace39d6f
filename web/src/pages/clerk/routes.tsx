import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../root';
import { motionQuery } from '../../shared/queries';

export interface MotionsSearch {
  q?: string;
  status?: string;
  bodyId?: string;
  page?: number;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The clerk's motions: the list (search, filters and page live in the URL) and one motion. */
export const motionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/vorlagen',
  validateSearch: (search: Record<string, unknown>): MotionsSearch => {
    const page = Number(search.page);
    return { q: text(search.q), status: text(search.status), bodyId: text(search.bodyId), page: Number.isInteger(page) && page > 1 ? page : undefined };
  },
  component: lazyRouteComponent(() => import('./motions-list'), 'MotionsList'),
});

export const motionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/vorlagen/$id',
  // the motion is asked for while the page's code loads, not after
  loader: ({ params, context }) => void context.queryClient.prefetchQuery(motionQuery(params.id)),
  component: lazyRouteComponent(() => import('./motion-page'), 'MotionPage'),
});

export const clerkRoutes = [motionsRoute, motionRoute] as const;
