import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { meetingQuery, motionQuery } from '../../shared/queries';
import { useServerNow } from '../../shared/clock';
import { useCommand } from '../../shared/command';
import type { MeetingCommand } from '../../shared/commands';
import { addDays, berlinDay, berlinMidnight, countdown, formatDate, formatDateTime, formatLongDate } from '../../shared/dates';
import { MEETING_STATE_LABEL, OUTCOME_LABEL, label } from '../../shared/labels';
import { fieldErrors, ProblemAlert } from '../../shared/problem';
import { Badge, Empty, Field, PageHeader, QueryState } from '../../shared/ui';
import { Documents, meetingOffers } from '../documents/documents';
import { meetingRoute } from './routes';

/** The meeting's state offers this command now (its rules may still refuse it; the API then says why). */
const offers = (meeting: Pick<Meeting, 'nextSteps'>, command: MeetingCommand): boolean => meeting.nextSteps.some((s) => s.command === command);

type Meeting = Schemas['MeetingDetailDto'];
type Body = Schemas['BodyDetailDto'];

export function useMeeting(id: string) {
  return useQuery(meetingQuery(id));
}

/** One meeting: invitation and Ladungsfrist, agenda (public and non-public), attendance with quorum, outcomes. */
export function MeetingPage() {
  const { id } = meetingRoute.useParams();
  const meeting = useMeeting(id);
  const body = useQuery({
    queryKey: ['body', meeting.data?.data.bodyId],
    queryFn: () => unwrap(api.GET('/bodies/{id}', { params: { path: { id: meeting.data!.data.bodyId } } })),
    enabled: Boolean(meeting.data),
  });
  return (
    <QueryState query={meeting} loading="Sitzung wird geladen …">
      {({ data: m, etag }) => (
        <>
          <PageHeader title={`${m.bodyName}`} preline={`Sitzung am ${formatLongDate(m.start)}`} />
          <p className="status-line">
            <Badge tone={m.state === 'cancelled' ? 'warning' : m.state === 'held' || m.state === 'minutesApproved' ? 'success' : 'info'}>{label(MEETING_STATE_LABEL, m.state)}</Badge>
          </p>
          <dl className="kern-description-list facts">
            <Fact term="Beginn">{formatDateTime(m.start)}</Fact>
            <Fact term="Ort">{m.location || '–'}</Fact>
            {m.heldAt ? <Fact term="Durchgeführt">{formatDateTime(m.heldAt)}</Fact> : null}
            {m.cancelledAt ? <Fact term="Abgesagt">{`${formatDateTime(m.cancelledAt)}: ${m.cancelReason ?? ''}`}</Fact> : null}
          </dl>
          <Invitation meeting={m} etag={etag} body={body.data} />
          <Agenda meeting={m} />
          {offers(m, 'ADD_AGENDA_ITEM') ? <AddAgendaItem meeting={m} etag={etag} /> : null}
          <Attendance meeting={m} etag={etag} body={body.data} />
          <Conduct meeting={m} etag={etag} />
          <Documents type="meeting" id={m.id} etag={etag} offers={meetingOffers(m)} />
        </>
      )}
    </QueryState>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

const invalidateMeeting = (m: Meeting) => [['meeting', m.id], ['meetings'], ['motion']];

/** The invitation: sent on which day, or the Ladungsfrist counting down to the last day it can go out. */
function Invitation({ meeting, etag, body }: { meeting: Meeting; etag: string | undefined; body: Body | undefined }) {
  const now = useServerNow();
  const [urgentReason, setUrgentReason] = useState('');
  const cmd = useCommand({
    etag,
    invalidate: invalidateMeeting(meeting),
    run: (_: void, headers) => api.POST('/meetings/{id}/invitation', { params: { path: { id: meeting.id }, header: headers }, body: urgentReason.trim() ? { urgentReason: urgentReason.trim() } : {} }),
  });
  const day = berlinDay(meeting.start);
  const last = body ? addDays(day, -body.invitationPeriodDays) : undefined;
  const lastUrgent = body ? addDays(day, -body.urgentInvitationPeriodDays) : undefined;
  return (
    <section aria-labelledby="invitation-heading" className="section">
      <h2 id="invitation-heading" className="kern-heading-medium">
        Einladung
      </h2>
      {meeting.invitationDate ? (
        <p className="kern-body" data-testid="invitation">
          Eingeladen am {formatDate(meeting.invitationDate)}
          {meeting.urgentInvitationReason ? ` (verkürzte Ladungsfrist: ${meeting.urgentInvitationReason})` : ''}.
        </p>
      ) : meeting.state === 'scheduled' && body && last && lastUrgent ? (
        <>
          <p className="kern-body" data-testid="ladungsfrist">
            Ladungsfrist {body.invitationPeriodDays} Tage: Einladung spätestens am <strong>{formatDate(last)}</strong> – {countdown(berlinMidnight(addDays(last, 1)), now)}
            {body.urgentInvitationPeriodDays < body.invitationPeriodDays ? ` In dringenden Fällen mit Begründung bis ${formatDate(lastUrgent)} (${body.urgentInvitationPeriodDays} Tage).` : ''}
          </p>
          {cmd.error ? <ProblemAlert error={cmd.error} title="Einladung nicht versandt" /> : null}
          <form
            className="inline-form"
            aria-label="Einladung versenden"
            onSubmit={(e) => {
              e.preventDefault();
              cmd.mutate();
            }}
          >
            <Field label="Begründung der Dringlichkeit (nur bei verkürzter Frist)" errors={fieldErrors(cmd.error, 'urgentReason')}>
              {(p) => <input {...p} className="kern-form-input__input" value={urgentReason} onChange={(e) => setUrgentReason(e.target.value)} />}
            </Field>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={cmd.isPending || !offers(meeting, 'SEND_INVITATION')}>
              <span className="kern-label">Einladung versenden</span>
            </button>
          </form>
        </>
      ) : (
        <p className="kern-body">Keine Einladung versandt.</p>
      )}
    </section>
  );
}

/** The agenda, public part first; each motion with the outcome recorded at this meeting. */
function Agenda({ meeting }: { meeting: Meeting }) {
  const motionIds = [...new Set(meeting.agenda.flatMap((i) => (i.motionId ? [i.motionId] : [])))];
  const motions = useQueries({
    queries: motionIds.map(motionQuery),
  });
  const resultsOf = (motionId: string | null) => {
    const motion = motions.find((q) => q.data?.data.id === motionId)?.data?.data;
    return motion?.consultations.find((c) => c.meetingId === meeting.id && c.status === 'held')?.results ?? [];
  };
  const part = (isPublic: boolean, title: string) => {
    const items = meeting.agenda.filter((i) => i.public === isPublic);
    return (
      <>
        <h3 className="kern-heading-small">{title}</h3>
        {items.length === 0 ? (
          <p className="kern-body">Keine Tagesordnungspunkte.</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={title}>
            <table className="kern-table">
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th className="kern-table__header" scope="col">TOP</th>
                  <th className="kern-table__header" scope="col">Gegenstand</th>
                  <th className="kern-table__header" scope="col">Ergebnis</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {items.map((item) => (
                  <tr className="kern-table__row" key={item.id}>
                    <td className="kern-table__cell">{item.status === 'removed' ? '–' : item.number}</td>
                    <td className="kern-table__cell">
                      {item.motionId ? (
                        <Link to="/vorlagen/$id" params={{ id: item.motionId }} className="kern-link">
                          {item.title}
                        </Link>
                      ) : (
                        item.title
                      )}
                      {item.status === 'removed' ? <> (abgesetzt: {item.removedReason})</> : null}
                    </td>
                    <td className="kern-table__cell">
                      {resultsOf(item.motionId)
                        .map((r) => `Vorschlag ${r.proposalKey}: ${label(OUTCOME_LABEL, r.outcome)}${r.votes ? ` (${r.votes.ja}:${r.votes.nein}:${r.votes.enthaltung})` : ''}`)
                        .join('; ') || '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    );
  };
  return (
    <section aria-labelledby="agenda-heading" className="section">
      <h2 id="agenda-heading" className="kern-heading-medium">
        Tagesordnung
      </h2>
      {meeting.agenda.length === 0 ? <Empty>Die Tagesordnung ist leer.</Empty> : null}
      {part(true, 'Öffentlicher Teil')}
      {part(false, 'Nichtöffentlicher Teil')}
    </section>
  );
}

/** A plain item (Mitteilungen, Anfragen, …) at the end of the agenda, öffentlich or nichtöffentlich; motions come by their scheduling. */
function AddAgendaItem({ meeting, etag }: { meeting: Meeting; etag: string | undefined }) {
  const [title, setTitle] = useState('');
  const [isPublic, setIsPublic] = useState(true);
  const cmd = useCommand({
    etag,
    invalidate: invalidateMeeting(meeting),
    run: (_: void, headers) => api.POST('/meetings/{id}/agenda-items', { params: { path: { id: meeting.id }, header: headers }, body: { title: title.trim(), public: isPublic } }),
    onDone: () => setTitle(''),
  });
  return (
    <section aria-labelledby="add-item-heading" className="section">
      <h2 id="add-item-heading" className="kern-heading-small">
        Tagesordnungspunkt hinzufügen
      </h2>
      {cmd.error ? <ProblemAlert error={cmd.error} title="Tagesordnungspunkt nicht hinzugefügt" /> : null}
      <form
        className="inline-form"
        aria-label="Tagesordnungspunkt hinzufügen"
        onSubmit={(e) => {
          e.preventDefault();
          cmd.mutate();
        }}
      >
        <Field label="Gegenstand" errors={fieldErrors(cmd.error, 'title')}>
          {(p) => <input {...p} className="kern-form-input__input" value={title} required maxLength={500} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <fieldset className="kern-fieldset">
          <legend className="kern-label">Teil der Sitzung</legend>
          <div className="kern-fieldset__body kern-fieldset__body--horizontal">
            {[true, false].map((value) => (
              <div className="kern-form-check" key={String(value)}>
                <input className="kern-form-check__radio" type="radio" id={`item-public-${String(value)}`} name="item-public" checked={isPublic === value} onChange={() => setIsPublic(value)} />
                <label className="kern-label" htmlFor={`item-public-${String(value)}`}>
                  {value ? 'öffentlich' : 'nichtöffentlich'}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={cmd.isPending || !title.trim()}>
          <span className="kern-label">{cmd.isPending ? 'Wird gesendet …' : 'Hinzufügen'}</span>
        </button>
      </form>
    </section>
  );
}

/** Attendance: tick who is present; the quorum (more than half of the statutory members) is shown as you tick. */
function Attendance({ meeting, etag, body }: { meeting: Meeting; etag: string | undefined; body: Body | undefined }) {
  const day = berlinDay(meeting.start);
  const members = useQuery({
    queryKey: ['body', meeting.bodyId, 'members', day],
    queryFn: () => unwrap(api.GET('/bodies/{id}/memberships', { params: { path: { id: meeting.bodyId }, query: { at: day } } })),
  });
  const [present, setPresent] = useState<Set<string> | null>(null);
  const chosen = present ?? new Set(meeting.attendance?.attendees.map((a) => a.personId) ?? []);
  const cmd = useCommand({
    etag,
    invalidate: invalidateMeeting(meeting),
    run: (_: void, headers) => api.PUT('/meetings/{id}/attendance', { params: { path: { id: meeting.id }, header: headers }, body: { personIds: [...chosen] } }),
    onDone: () => setPresent(null),
  });
  const editable = offers(meeting, 'RECORD_ATTENDANCE');
  const statutory = body?.statutoryMembers ?? meeting.attendance?.statutoryMembers ?? 0;
  const voting = (members.data ?? []).filter((s) => s.votingRight && chosen.has(s.personId)).length;
  const needed = Math.floor(statutory / 2) + 1;
  return (
    <section aria-labelledby="attendance-heading" className="section">
      <h2 id="attendance-heading" className="kern-heading-medium">
        Anwesenheit
      </h2>
      <p className="kern-body quorum" aria-live="polite" data-testid="quorum">
        {statutory
          ? `${editable ? voting : (meeting.attendance?.presentMembers ?? 0)} von ${statutory} stimmberechtigten Mitgliedern anwesend – beschlussfähig ab ${needed}: ${(editable ? voting : (meeting.attendance?.presentMembers ?? 0)) >= needed ? 'beschlussfähig' : 'nicht beschlussfähig'}.`
          : 'Gremium wird geladen …'}
      </p>
      {cmd.error ? <ProblemAlert error={cmd.error} title="Anwesenheit nicht gespeichert" /> : null}
      {editable ? (
        <form
          aria-label="Anwesenheit erfassen"
          onSubmit={(e) => {
            e.preventDefault();
            cmd.mutate();
          }}
        >
          <QueryState query={members} loading="Mitglieder werden geladen …">
            {(seats) => (
              <fieldset className="kern-fieldset">
                <legend className="kern-label">Anwesende Mitglieder</legend>
                <div className="kern-fieldset__body attendance-grid">
                  {[...seats].sort((a, b) => a.name.localeCompare(b.name, 'de', { numeric: true })).map((s) => (
                    <div className="kern-form-check" key={s.id}>
                      <input
                        className="kern-form-check__checkbox"
                        type="checkbox"
                        id={`seat-${s.id}`}
                        checked={chosen.has(s.personId)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(s.personId);
                          else next.delete(s.personId);
                          setPresent(next);
                        }}
                      />
                      <label className="kern-label" htmlFor={`seat-${s.id}`}>
                        {s.name}
                        {s.votingRight ? '' : ' (ohne Stimmrecht)'}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            )}
          </QueryState>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={cmd.isPending}>
            <span className="kern-label">Anwesenheit speichern</span>
          </button>
        </form>
      ) : meeting.attendance ? (
        <ul className="kern-list attendance-list">
          {meeting.attendance.attendees.map((a) => (
            <li key={a.personId}>{a.name}</li>
          ))}
        </ul>
      ) : (
        <p className="kern-body">Die Anwesenheit wird erfasst, sobald die Sitzung begonnen hat.</p>
      )}
    </section>
  );
}

/** Marking the meeting held, approving the minutes, cancelling: as far as its state allows. */
function Conduct({ meeting, etag }: { meeting: Meeting; etag: string | undefined }) {
  const [reason, setReason] = useState('');
  const held = useCommand({ etag, invalidate: invalidateMeeting(meeting), run: (_: void, headers) => api.POST('/meetings/{id}/held', { params: { path: { id: meeting.id }, header: headers } }) });
  const minutes = useCommand({ etag, invalidate: invalidateMeeting(meeting), run: (_: void, headers) => api.POST('/meetings/{id}/minutes-approval', { params: { path: { id: meeting.id }, header: headers } }) });
  const cancel = useCommand({ etag, invalidate: invalidateMeeting(meeting), run: (_: void, headers) => api.POST('/meetings/{id}/cancellation', { params: { path: { id: meeting.id }, header: headers }, body: { reason } }) });
  const can = (command: MeetingCommand) => offers(meeting, command);
  if (!can('MARK_HELD') && !can('APPROVE_MINUTES') && !can('CANCEL')) return null;
  const error = held.error ?? minutes.error ?? cancel.error;
  return (
    <section aria-labelledby="conduct-heading" className="section">
      <h2 id="conduct-heading" className="kern-heading-medium">
        Sitzungsverlauf
      </h2>
      {error ? <ProblemAlert error={error} title="Nicht ausgeführt" /> : null}
      <div className="command-form__buttons">
        {can('MARK_HELD') ? (
          <button type="button" className="kern-btn kern-btn--primary" disabled={held.isPending} onClick={() => held.mutate()}>
            <span className="kern-label">Sitzung als durchgeführt markieren</span>
          </button>
        ) : null}
        {can('APPROVE_MINUTES') ? (
          <button type="button" className="kern-btn kern-btn--secondary" disabled={minutes.isPending} onClick={() => minutes.mutate()}>
            <span className="kern-label">Niederschrift genehmigen</span>
          </button>
        ) : null}
      </div>
      {can('CANCEL') ? (
        <form
          className="inline-form"
          aria-label="Sitzung absagen"
          onSubmit={(e) => {
            e.preventDefault();
            cancel.mutate();
          }}
        >
          <Field label="Grund der Absage" errors={fieldErrors(cancel.error, 'reason')}>
            {(p) => <input {...p} className="kern-form-input__input" value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="submit" className="kern-btn kern-btn--secondary" disabled={cancel.isPending}>
            <span className="kern-label">Sitzung absagen</span>
          </button>
        </form>
      ) : null}
    </section>
  );
}
