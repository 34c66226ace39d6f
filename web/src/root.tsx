import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Link } from '@tanstack/react-router';
import { Layout } from './layout';
import { PageHeader } from './shared/ui';

export interface RouterContext {
  queryClient: QueryClient;
}

/** The root of every page: header, navigation, sign-in gate. Area routes hang below it (routes.tsx). */
export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Layout,
  notFoundComponent: () => (
    <>
      <PageHeader title="Seite nicht gefunden" />
      <p className="kern-body">
        Diese Adresse gibt es in der Konsole nicht. <Link to="/">Zur Startseite</Link>
      </p>
    </>
  ),
});
