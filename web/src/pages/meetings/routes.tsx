import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../root';
import { meetingQuery } from '../../shared/queries';

export interface CalendarSearch {
  bodyId?: string;
  /** YYYY-MM, the month shown */
  month?: string;
}

/** Meetings: a calendar per body, and one meeting. */
export const calendarRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sitzungen',
  validateSearch: (search: Record<string, unknown>): CalendarSearch => ({
    bodyId: typeof search.bodyId === 'string' && search.bodyId ? search.bodyId : undefined,
    month: typeof search.month === 'string' && /^\d{4}-\d{2}$/.test(search.month) ? search.month : undefined,
  }),
  component: lazyRouteComponent(() => import('./calendar'), 'MeetingCalendar'),
});

export const meetingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sitzungen/$id',
  loader: ({ params, context }) => void context.queryClient.prefetchQuery(meetingQuery(params.id)),
  component: lazyRouteComponent(() => import('./meeting-page'), 'MeetingPage'),
});

export const meetingsRoutes = [calendarRoute, meetingRoute] as const;
