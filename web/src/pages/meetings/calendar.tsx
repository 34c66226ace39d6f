import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { useMe } from '../../shared/auth';
import { useServerToday } from '../../shared/clock';
import { CreateForm } from '../../shared/command-form';
import { BodyOptions, useBodies } from '../../shared/council';
import { addDays, addMonths, berlinDay, berlinMidnight, formatLongDate, formatMonth, formatTime, monthWeeks, weekdayIndex } from '../../shared/dates';
import { MEETING_STATE_LABEL, label } from '../../shared/labels';
import { ProblemAlert } from '../../shared/problem';
import { Badge, Empty, Field, Loading, PageHeader, Select } from '../../shared/ui';
import { calendarRoute } from './routes';

type Meeting = Schemas['MeetingDto'];

const WEEKDAYS: [string, string][] = [
  ['Mo', 'Montag'],
  ['Di', 'Dienstag'],
  ['Mi', 'Mittwoch'],
  ['Do', 'Donnerstag'],
  ['Fr', 'Freitag'],
  ['Sa', 'Samstag'],
  ['So', 'Sonntag'],
];
/** A calendar day as a date at noon in Berlin: formatting it can never slip into the next or previous day. */
const noon = (day: string) => `${day}T12:00:00+02:00`;
const stateTone = (m: Meeting) => (m.state === 'cancelled' ? 'warning' : m.state === 'held' || m.state === 'minutesApproved' ? 'success' : 'info');

/**
 * The meetings of one body (or all) as a month calendar (Monday to Sunday, Europe/Berlin), and below
 * it the same month as a list: the list is the plain alternative, and Enter on a day of the grid
 * jumps to that day's entries in it. The grid is one tab stop; arrow keys move by day and week,
 * Home/End to the week's ends, Page Up/Down by month.
 */
export function MeetingCalendar() {
  const search = calendarRoute.useSearch();
  const navigate = useNavigate({ from: '/sitzungen' });
  const today = useServerToday();
  const bodies = useBodies();
  const month = search.month ?? today?.slice(0, 7);
  const setMonth = (next: string) => void navigate({ search: (s) => ({ ...s, month: next }) });
  return (
    <>
      <PageHeader title="Sitzungskalender" preline="Sitzungsdienst" />
      <div className="filters">
        <Field label="Gremium">
          {(p) => (
            <Select {...p} value={search.bodyId ?? ''} onChange={(e) => void navigate({ search: (s) => ({ ...s, bodyId: e.target.value || undefined }) })}>
              <option value="">Alle Gremien</option>
              <BodyOptions bodies={bodies} />
            </Select>
          )}
        </Field>
      </div>
      {month ? <Month month={month} today={today} bodyId={search.bodyId} onMonth={setMonth} /> : <Loading label="Kalender wird geladen …" />}
    </>
  );
}

function Month({ month, today, bodyId, onMonth }: { month: string; today: string | undefined; bodyId: string | undefined; onMonth: (month: string) => void }) {
  const weeks = monthWeeks(month);
  const first = weeks[0]![0]!;
  const last = weeks.at(-1)![6]!;
  const meetings = useQuery({
    queryKey: ['meetings', 'calendar', bodyId ?? '', month],
    queryFn: () =>
      unwrap(
        api.GET('/meetings', {
          params: { query: { pageSize: 100, from: berlinMidnight(first).toISOString(), to: new Date(berlinMidnight(addDays(last, 1)).getTime() - 1).toISOString(), ...(bodyId ? { bodyId } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const byDay = new Map<string, Meeting[]>();
  for (const m of [...(meetings.data?.items ?? [])].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = berlinDay(m.start);
    byDay.set(day, [...(byDay.get(day) ?? []), m]);
  }
  const inMonth = [...byDay.entries()].filter(([day]) => day.startsWith(month));

  // the one focusable day (roving tabindex): the one last moved to, else today or the month's first meeting day
  const [focusDay, setFocusDay] = useState<string | null>(null);
  const moved = useRef(false);
  const active = focusDay && focusDay >= first && focusDay <= last ? focusDay : today?.startsWith(month) ? today : (inMonth[0]?.[0] ?? `${month}-01`);
  const grid = useRef<HTMLTableElement>(null);
  useEffect(() => {
    // after a move the day gets focus, once it is drawn (a move into another month draws it after the navigation)
    const cell = moved.current ? grid.current?.querySelector<HTMLElement>(`[data-day="${focusDay}"]`) : null;
    if (!cell) return;
    moved.current = false;
    cell.focus();
  }, [focusDay, month]);

  const moveTo = (day: string) => {
    moved.current = true;
    setFocusDay(day);
    if (day < first || day > last) onMonth(day.slice(0, 7));
  };
  const onKey = (e: KeyboardEvent, day: string) => {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => moveTo(addDays(day, -1)),
      ArrowRight: () => moveTo(addDays(day, 1)),
      ArrowUp: () => moveTo(addDays(day, -7)),
      ArrowDown: () => moveTo(addDays(day, 7)),
      Home: () => moveTo(addDays(day, -weekdayIndex(day))),
      End: () => moveTo(addDays(day, 6 - weekdayIndex(day))),
      PageUp: () => moveTo(shiftMonth(day, -1)),
      PageDown: () => moveTo(shiftMonth(day, 1)),
      Enter: () => document.getElementById(`termin-${byDay.get(day)?.[0]?.id ?? ''}`)?.focus(),
      ' ': () => document.getElementById(`termin-${byDay.get(day)?.[0]?.id ?? ''}`)?.focus(),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const title = formatMonth(noon(`${month}-15`));
  return (
    <>
      <div className="calendar-bar">
        <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" onClick={() => onMonth(addMonths(month, -1))}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          <span className="kern-label">Vorheriger Monat</span>
        </button>
        <h2 className="kern-heading-medium" id="calendar-month" aria-live="polite">
          {title}
        </h2>
        <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" onClick={() => onMonth(addMonths(month, 1))}>
          <span className="kern-label">Nächster Monat</span>
          <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
        </button>
        {today && !today.startsWith(month) ? (
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small" onClick={() => onMonth(today.slice(0, 7))}>
            <span className="kern-label">Heute</span>
          </button>
        ) : null}
      </div>
      <p className="kern-body kern-body--small" id="calendar-help">
        Pfeiltasten: Tag und Woche wechseln; Bild auf/ab: Monat; Eingabetaste: zu den Sitzungen des Tages in der Liste.
      </p>
      {meetings.error ? <ProblemAlert error={meetings.error} /> : null}
      <table className="calendar-grid" role="grid" aria-labelledby="calendar-month" aria-describedby="calendar-help" ref={grid} data-testid="calendar-grid" aria-busy={meetings.isFetching}>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th key={short} scope="col" role="columnheader" className="calendar-grid__weekday">
                <abbr title={long}>{short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const list = byDay.get(day) ?? [];
                return (
                  <td
                    key={day}
                    role="gridcell"
                    data-day={day}
                    tabIndex={day === active ? 0 : -1}
                    aria-current={day === today ? 'date' : undefined}
                    className={`calendar-grid__day${day.startsWith(month) ? '' : ' calendar-grid__day--outside'}${day === today ? ' calendar-grid__day--today' : ''}`}
                    onKeyDown={(e) => onKey(e, day)}
                    onFocus={() => setFocusDay(day)}
                  >
                    <span className="calendar-grid__date" aria-hidden="true">
                      {Number(day.slice(8))}
                    </span>
                    <span className="kern-sr-only">
                      {formatLongDate(noon(day))}: {list.length === 0 ? 'keine Sitzung' : list.length === 1 ? '1 Sitzung' : `${list.length} Sitzungen`}
                    </span>
                    {list.length ? (
                      <ul className="calendar-grid__meetings">
                        {list.map((m) => (
                          <li key={m.id} className={`calendar-grid__meeting calendar-grid__meeting--${stateTone(m)}`}>
                            <Link to="/sitzungen/$id" params={{ id: m.id }} tabIndex={-1} className="kern-link">
                              {formatTime(m.start)} {m.bodyName}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="month-list" className="section">
        <h2 id="month-list" className="kern-heading-medium">
          Sitzungen im {title}
        </h2>
        {meetings.isPending ? (
          <Loading label="Sitzungen werden geladen …" />
        ) : inMonth.length === 0 ? (
          <Empty>In diesem Monat sind {bodyId ? 'für dieses Gremium ' : ''}keine Sitzungen angesetzt.</Empty>
        ) : (
          <ul className="calendar-list">
            {inMonth.flatMap(([, list]) =>
              list.map((m) => (
                <li key={m.id} className="calendar-item">
                  <span className="calendar-item__day">{formatLongDate(m.start)}</span>
                  <span className="calendar-item__time">{formatTime(m.start)} Uhr</span>
                  <Link to="/sitzungen/$id" params={{ id: m.id }} className="kern-link" id={`termin-${m.id}`}>
                    {m.bodyName}
                  </Link>
                  <Badge tone={stateTone(m)}>{label(MEETING_STATE_LABEL, m.state)}</Badge>
                </li>
              )),
            )}
          </ul>
        )}
      </section>
      <NewMeeting day={active} bodyId={bodyId} />
    </>
  );
}

/** The same day of the month `months` away, or that month's last day. */
function shiftMonth(day: string, months: number): string {
  const target = addMonths(day.slice(0, 7), months);
  const lastDay = Number(addDays(`${addMonths(target, 1)}-01`, -1).slice(8));
  return `${target}-${String(Math.min(Number(day.slice(8)), lastDay)).padStart(2, '0')}`;
}

/** The Sitzungsdienst schedules a meeting: body, start (Berlin time) and place; the chosen day is preset. */
function NewMeeting({ day, bodyId }: { day: string; bodyId: string | undefined }) {
  const role = useMe().data?.role;
  const bodies = useBodies();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (role !== 'clerk' && role !== 'admin') return null;
  return (
    <CreateForm
      heading="Neue Sitzung"
      title="Sitzung anlegen"
      fields={[
        { name: 'bodyId', label: 'Gremium', kind: 'select', options: (bodies.data ?? []).map((b) => ({ value: b.id, label: b.name })), initial: bodyId ?? '', codes: ['MEETING.UNKNOWN_BODY'] },
        { name: 'start', label: 'Beginn', kind: 'datetime', initial: `${day}T17:00`, codes: ['MEETING.IN_PAST'] },
        { name: 'location', label: 'Ort' },
      ]}
      run={(body, headers) => api.POST('/meetings', { params: { header: headers }, body: body as Schemas['CreateMeetingDto'] })}
      onDone={(meeting) => {
        void queryClient.invalidateQueries({ queryKey: ['meetings'] });
        void navigate({ to: '/sitzungen/$id', params: { id: meeting.id } });
      }}
    />
  );
}
