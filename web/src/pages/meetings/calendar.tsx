import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap, type Schemas } from '../../shared/api';
import { useBodies } from '../../shared/council';
import { berlinDay, formatMonth, formatTime } from '../../shared/dates';
import { MEETING_STATE_LABEL, label } from '../../shared/labels';
import { Badge, Empty, Field, PageHeader, QueryState, Select } from '../../shared/ui';
import { calendarRoute } from './routes';

type Meeting = Schemas['MeetingDto'];

const WEEKDAY = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'short', day: '2-digit', month: '2-digit' });

/** The meetings of one body (or all), month by month, as a calendar list. */
export function MeetingCalendar() {
  const search = calendarRoute.useSearch();
  const navigate = useNavigate({ from: '/sitzungen' });
  const bodies = useBodies();
  const meetings = useQuery({
    queryKey: ['meetings', 'calendar', search.bodyId ?? ''],
    queryFn: () => unwrap(api.GET('/meetings', { params: { query: { pageSize: 100, ...(search.bodyId ? { bodyId: search.bodyId } : {}) } } })),
  });
  const months = new Map<string, Meeting[]>();
  for (const m of [...(meetings.data?.items ?? [])].sort((a, b) => a.start.localeCompare(b.start))) {
    const month = berlinDay(m.start).slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), m]);
  }
  return (
    <>
      <PageHeader title="Sitzungskalender" preline="Sitzungsdienst" />
      <div className="filters">
        <Field label="Gremium">
          {(p) => (
            <Select {...p} value={search.bodyId ?? ''} onChange={(e) => void navigate({ search: { bodyId: e.target.value || undefined } })}>
              <option value="">Alle Gremien</option>
              {(bodies.data ?? []).map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <QueryState query={meetings} loading="Sitzungen werden geladen …">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Für dieses Gremium sind keine Sitzungen angesetzt.</Empty>
          ) : (
            <>
              {[...months].map(([month, items]) => (
                <section key={month} aria-labelledby={`month-${month}`} className="calendar-month">
                  <h2 id={`month-${month}`} className="kern-heading-medium">
                    {formatMonth(`${month}-15T12:00:00Z`)}
                  </h2>
                  <ul className="calendar-list">
                    {items.map((m) => (
                      <li key={m.id} className="calendar-item">
                        <span className="calendar-item__day">{WEEKDAY.format(new Date(m.start))}</span>
                        <span className="calendar-item__time">{formatTime(m.start)} Uhr</span>
                        <Link to="/sitzungen/$id" params={{ id: m.id }} className="kern-link">
                          {m.bodyName}
                        </Link>
                        <Badge tone={m.state === 'cancelled' ? 'warning' : m.state === 'held' || m.state === 'minutesApproved' ? 'success' : 'info'}>{label(MEETING_STATE_LABEL, m.state)}</Badge>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
              {page.total > page.items.length ? <p className="kern-body">Es werden die ersten {page.items.length} von {page.total} Sitzungen gezeigt; wählen Sie ein Gremium.</p> : null}
            </>
          )
        }
      </QueryState>
    </>
  );
}
