import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../shared/api';
import { formatDateTime } from '../../shared/dates';
import { MEETING_STATE_LABEL, label } from '../../shared/labels';
import { Empty, PageHeader, QueryState } from '../../shared/ui';
import { calendarRoute } from './routes';

/** Meetings per body, month by month. */
export function MeetingCalendar() {
  const search = calendarRoute.useSearch();
  const meetings = useQuery({
    queryKey: ['meetings', search],
    queryFn: () => unwrap(api.GET('/meetings', { params: { query: { pageSize: 100, ...(search.bodyId ? { bodyId: search.bodyId } : {}) } } })),
  });
  return (
    <>
      <PageHeader title="Sitzungen" preline="Sitzungsdienst" />
      <QueryState query={meetings} loading="Sitzungen werden geladen …">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Keine Sitzungen.</Empty>
          ) : (
            <ul className="kern-list">
              {page.items.map((m) => (
                <li key={m.id}>
                  <Link to="/sitzungen/$id" params={{ id: m.id }} className="kern-link">
                    {m.bodyName}, {formatDateTime(m.start)}
                  </Link>{' '}
                  ({label(MEETING_STATE_LABEL, m.state)})
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
