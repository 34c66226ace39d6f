import { createRoute, createRouter } from '@tanstack/react-router';
import { queryClient } from './query-client';
import { auditRoutes } from './pages/audit/routes';
import { clerkRoutes } from './pages/clerk/routes';
import { HomePage } from './pages/home';
import { meetingsRoutes } from './pages/meetings/routes';
import { officeRoutes } from './pages/office/routes';
import { rootRoute } from './root';
import { ProblemAlert } from './shared/problem';

/**
 * The route table: the start page, and each area's routes from pages/<area>/routes.tsx. Pages load
 * lazily (lazyRouteComponent), so the first load carries only the shell.
 */
const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
const signInReturnRoute = createRoute({ getParentRoute: () => rootRoute, path: '/anmelden/rueckkehr', component: () => null });

export const routeTree = rootRoute.addChildren([homeRoute, signInReturnRoute, ...clerkRoutes, ...meetingsRoutes, ...officeRoutes, ...auditRoutes]);

export const router = createRouter({
  routeTree,
  basepath: import.meta.env.BASE_URL.replace(/\/$/, ''),
  context: { queryClient },
  defaultPreload: 'intent',
  scrollRestoration: true,
  defaultErrorComponent: ({ error }) => <ProblemAlert error={error} title="Die Seite konnte nicht angezeigt werden" />,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
