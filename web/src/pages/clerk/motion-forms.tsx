import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { useCommand, type CommandHeaders } from '../../shared/command';
import { meetingQuery } from '../../shared/queries';
import { formatDateTime } from '../../shared/dates';
import { COMMAND_LABEL, OUTCOME_LABEL, OUTCOMES_BY_ROLE, STEP_ROLE_LABEL, label } from '../../shared/labels';
import { fieldErrors, ProblemAlert } from '../../shared/problem';
import { Field, Select } from '../../shared/ui';

type Motion = Schemas['MotionDto'];
type Vote = Schemas['VotesDto'];

/** The form of one command; each posts through the typed client and shows the API's refusal inline. */
export function MotionCommandForm({ motion, etag, command, onClose }: { motion: Motion; etag: string | undefined; command: string; onClose: () => void }) {
  const props = { motion, etag, onClose };
  switch (command) {
    case 'SCHEDULE':
      return <ScheduleForm {...props} />;
    case 'UNSCHEDULE':
      return <UnscheduleForm {...props} />;
    case 'RECORD_OUTCOME':
      return <OutcomeForm {...props} />;
    case 'WITHDRAW':
      return <ReasonForm {...props} command="WITHDRAW" run={(id, reason, headers) => api.POST('/motions/{id}/withdraw', { params: { path: { id }, header: headers }, body: { reason } })} />;
    case 'RELEASE':
      return <ConfirmForm {...props} command="RELEASE" run={(id, headers) => api.POST('/motions/{id}/release', { params: { path: { id }, header: headers } })} />;
    case 'SUBMIT_FOR_COSIGNING':
      return <ConfirmForm {...props} command="SUBMIT_FOR_COSIGNING" run={(id, headers) => api.POST('/motions/{id}/submit', { params: { path: { id }, header: headers } })} />;
    case 'REVISE':
      return <ConfirmForm {...props} command="REVISE" run={(id, headers) => api.POST('/motions/{id}/revise', { params: { path: { id }, header: headers } })} />;
    case 'COMPLETE_IMPLEMENTATION':
      return <ConfirmForm {...props} command="COMPLETE_IMPLEMENTATION" run={(id, headers) => api.POST('/motions/{id}/complete-implementation', { params: { path: { id }, header: headers } })} />;
    case 'COSIGN':
      return <CosignForm {...props} />;
    default:
      return (
        <FormFrame title={label(COMMAND_LABEL, command)} onClose={onClose}>
          <p className="kern-body">
            Für diesen Schritt hat die Konsole noch kein Formular. Er ist über die API möglich (siehe <a href="/docs" className="kern-link">API-Dokumentation</a>).
          </p>
        </FormFrame>
      );
  }
}

interface FormProps {
  motion: Motion;
  etag: string | undefined;
  onClose: () => void;
}

function FormFrame({ title, onClose, onSubmit, error, pending, children, submitLabel }: { title: string; onClose: () => void; onSubmit?: (e: FormEvent) => void; error?: unknown; pending?: boolean; children: ReactNode; submitLabel?: string }) {
  return (
    <form className="command-form kern-card" aria-label={title} onSubmit={onSubmit} noValidate>
      <div className="kern-card__container kern-stack">
        <h3 className="kern-heading-small">{title}</h3>
        {error ? <ProblemAlert error={error} title="Nicht ausgeführt" /> : null}
        {children}
        <div className="command-form__buttons">
          {onSubmit ? (
            <button type="submit" className="kern-btn kern-btn--primary" disabled={pending}>
              <span className="kern-label">{pending ? 'Wird gesendet …' : (submitLabel ?? title)}</span>
            </button>
          ) : null}
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">Abbrechen</span>
          </button>
        </div>
      </div>
    </form>
  );
}

const invalidateMotion = (m: Motion) => [['motion', m.id], ['motions'], ['meeting'], ['meetings']];

function ConfirmForm({ motion, etag, onClose, command, run }: FormProps & { command: string; run: (id: string, headers: CommandHeaders) => Promise<{ data?: unknown; error?: unknown; response: Response }> }) {
  const cmd = useCommand({ etag, invalidate: invalidateMotion(motion), run: (_: void, headers) => run(motion.id, headers), onDone: onClose });
  return (
    <FormFrame title={label(COMMAND_LABEL, command)} onClose={onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending}>
      <p className="kern-body">Vorlage {motion.reference}: diesen Schritt jetzt ausführen?</p>
    </FormFrame>
  );
}

function ReasonForm({ motion, etag, onClose, command, run }: FormProps & { command: string; run: (id: string, reason: string, headers: CommandHeaders) => Promise<{ data?: unknown; error?: unknown; response: Response }> }) {
  const [reason, setReason] = useState('');
  const cmd = useCommand({ etag, invalidate: invalidateMotion(motion), run: (_: void, headers) => run(motion.id, reason, headers), onDone: onClose });
  return (
    <FormFrame title={label(COMMAND_LABEL, command)} onClose={onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending}>
      <Field label="Begründung" errors={fieldErrors(cmd.error, 'reason')}>
        {(p) => <textarea {...p} className="kern-form-input__input" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

function CosignForm({ motion, etag, onClose }: FormProps) {
  const open = motion.requiredCosigners.filter((d) => !motion.cosignatures.some((c) => c.department === d));
  const [department, setDepartment] = useState(open[0] ?? '');
  const cmd = useCommand({ etag, invalidate: invalidateMotion(motion), run: (_: void, headers) => api.POST('/motions/{id}/cosign', { params: { path: { id: motion.id }, header: headers }, body: { department } }), onDone: onClose });
  return (
    <FormFrame title="Mitzeichnen" onClose={onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending}>
      <Field label="Mitzeichnende Stelle" errors={fieldErrors(cmd.error, 'department')}>
        {(p) => (
          <Select {...p} value={department} onChange={(e) => setDepartment(e.target.value)}>
            {motion.requiredCosigners.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </Select>
        )}
      </Field>
    </FormFrame>
  );
}

/** Meetings of the bodies still ahead in the Beratungsfolge that are not yet held. */
function useOpenMeetings(motion: Motion) {
  const bodies = new Set(motion.steps.filter((s) => !motion.consultations.some((c) => c.stepIndex === s.index && c.status !== 'removed')).map((s) => s.bodyId));
  return useQuery({
    queryKey: ['meetings', 'open', [...bodies].sort().join(',')],
    queryFn: async () => {
      const pages = await Promise.all([...bodies].map((bodyId) => unwrap(api.GET('/meetings', { params: { query: { bodyId, pageSize: 100 } } }))));
      return pages.flatMap((p) => p.items).filter((m) => m.state === 'scheduled' || m.state === 'invited').sort((a, b) => a.start.localeCompare(b.start));
    },
  });
}

function ScheduleForm({ motion, etag, onClose }: FormProps) {
  const meetings = useOpenMeetings(motion);
  const [meetingId, setMeetingId] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [urgentReason, setUrgentReason] = useState('');
  const chosen = meetingId || meetings.data?.[0]?.id || '';
  const cmd = useCommand({
    etag,
    invalidate: invalidateMotion(motion),
    run: (_: void, headers) => api.POST('/motions/{id}/schedule', { params: { path: { id: motion.id }, header: headers }, body: { meetingId: chosen, public: isPublic, ...(urgentReason.trim() ? { urgentReason: urgentReason.trim() } : {}) } }),
    onDone: onClose,
  });
  return (
    <FormFrame title="Auf Tagesordnung setzen" onClose={onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending}>
      <Field label="Sitzung" errors={fieldErrors(cmd.error, 'meetingId')} hint={meetings.data?.length === 0 ? 'Kein Gremium der Beratungsfolge hat eine offene Sitzung.' : undefined}>
        {(p) => (
          <Select {...p} value={chosen} onChange={(e) => setMeetingId(e.target.value)}>
            {(meetings.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.bodyName}, {formatDateTime(m.start)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="kern-form-check">
        <input className="kern-form-check__checkbox" type="checkbox" id="schedule-public" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} />
        <label className="kern-label" htmlFor="schedule-public">
          Öffentlicher Teil der Sitzung
        </label>
      </div>
      <Field label="Begründung der Dringlichkeit (nur bei verkürzter Ladungsfrist)" errors={fieldErrors(cmd.error, 'urgentReason')}>
        {(p) => <input {...p} className="kern-form-input__input" value={urgentReason} onChange={(e) => setUrgentReason(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

function UnscheduleForm({ motion, etag, onClose }: FormProps) {
  const open = motion.consultations.filter((c) => c.status === 'scheduled' && c.meetingId);
  const [meetingId, setMeetingId] = useState(open[0]?.meetingId ?? '');
  const [reason, setReason] = useState('');
  const cmd = useCommand({ etag, invalidate: invalidateMotion(motion), run: (_: void, headers) => api.POST('/motions/{id}/unschedule', { params: { path: { id: motion.id }, header: headers }, body: { meetingId, reason } }), onDone: onClose });
  return (
    <FormFrame title="Von Tagesordnung absetzen" onClose={onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending}>
      <Field label="Sitzung" errors={fieldErrors(cmd.error, 'meetingId')}>
        {(p) => (
          <Select {...p} value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
            {open.map((c) => (
              <option key={c.no} value={c.meetingId ?? ''}>
                {c.bodyName}, {c.meetingStart ? formatDateTime(c.meetingStart) : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Begründung" errors={fieldErrors(cmd.error, 'reason')}>
        {(p) => <input {...p} className="kern-form-input__input" value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

const VOTE_FIELDS: [keyof Vote, string][] = [
  ['ja', 'Ja'],
  ['nein', 'Nein'],
  ['enthaltung', 'Enthaltung'],
  ['befangen', 'Befangen'],
];

interface OutcomeRow {
  outcome: string;
  votes: Vote;
  amendedText: string;
}

/** The outcome of one consultation: per proposal its result and votes, checked against the attendance. */
function OutcomeForm({ motion, etag, onClose }: FormProps) {
  const open = motion.consultations.filter((c) => c.status === 'scheduled' && c.meetingId);
  const [no, setNo] = useState(open[0]?.no ?? 0);
  const consultation = open.find((c) => c.no === no) ?? open[0];
  const outcomes = OUTCOMES_BY_ROLE[consultation?.role ?? ''] ?? [];
  const [rows, setRows] = useState<Record<string, OutcomeRow>>({});
  const row = (key: string): OutcomeRow => rows[key] ?? { outcome: outcomes[0] ?? '', votes: { ja: 0, nein: 0, enthaltung: 0, befangen: 0 }, amendedText: '' };
  const update = (key: string, change: Partial<OutcomeRow>) => setRows((r) => ({ ...r, [key]: { ...row(key), ...change } }));
  const meeting = useQuery({ ...meetingQuery(consultation?.meetingId ?? ''), enabled: Boolean(consultation?.meetingId) });
  const attendance = meeting.data?.data.attendance;
  const needsVotes = (outcome: string) => !['takenNote', 'postponed', 'referredBack'].includes(outcome);

  const cmd = useCommand({
    etag,
    invalidate: invalidateMotion(motion),
    run: (_: void, headers) =>
      api.POST('/motions/{id}/outcomes', {
        params: { path: { id: motion.id }, header: headers },
        body: {
          meetingId: consultation?.meetingId ?? '',
          outcomes: motion.proposals.map((p) => {
            const r = row(p.key);
            return {
              proposalKey: p.key,
              outcome: r.outcome as Schemas['ProposalOutcomeDto']['outcome'],
              ...(needsVotes(r.outcome) ? { votes: r.votes } : {}),
              ...(r.outcome.endsWith('WithAmendment') ? { amendedText: r.amendedText } : {}),
            };
          }),
        },
      }),
    onDone: onClose,
  });

  if (!consultation) return <FormFrame title="Beratungsergebnis erfassen" onClose={onClose}><p className="kern-body">Die Vorlage steht auf keiner offenen Tagesordnung.</p></FormFrame>;
  return (
    <FormFrame title="Beratungsergebnis erfassen" onClose={onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending} submitLabel="Ergebnis speichern">
      <Field label="Beratung">
        {(p) => (
          <Select {...p} value={consultation.no} onChange={(e) => (setNo(Number(e.target.value)), setRows({}))}>
            {open.map((c) => (
              <option key={c.no} value={c.no}>
                {c.bodyName} ({label(STEP_ROLE_LABEL, c.role)}), {c.meetingStart ? formatDateTime(c.meetingStart) : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <p className="kern-body quorum" aria-live="polite" data-testid="quorum">
        {attendance
          ? `Anwesend: ${attendance.presentMembers} von ${attendance.statutoryMembers} stimmberechtigten Mitgliedern – ${attendance.quorate ? 'beschlussfähig' : 'nicht beschlussfähig'}.`
          : meeting.isPending
            ? 'Anwesenheit wird geladen …'
            : 'Für diese Sitzung ist noch keine Anwesenheit erfasst.'}
      </p>
      {motion.proposals.map((p) => {
        const r = row(p.key);
        const cast = r.votes.ja + r.votes.nein + r.votes.enthaltung + r.votes.befangen;
        return (
          <fieldset key={p.key} className="kern-fieldset">
            <legend className="kern-label">Beschlussvorschlag {p.key}</legend>
            <div className="kern-fieldset__body kern-stack">
              <Field label="Ergebnis" errors={fieldErrors(cmd.error, `outcomes.${motion.proposals.indexOf(p)}.outcome`)}>
                {(props) => (
                  <Select {...props} value={r.outcome} onChange={(e) => update(p.key, { outcome: e.target.value })}>
                    {outcomes.map((o) => (
                      <option key={o} value={o}>
                        {label(OUTCOME_LABEL, o)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              {needsVotes(r.outcome) ? (
                <div className="votes">
                  {VOTE_FIELDS.map(([field, text]) => (
                    <Field key={field} label={text} errors={fieldErrors(cmd.error, `outcomes.${motion.proposals.indexOf(p)}.votes.${field}`)}>
                      {(props) => (
                        <input
                          {...props}
                          className="kern-form-input__input kern-form-input__input--width-4"
                          type="number"
                          min={0}
                          inputMode="numeric"
                          value={r.votes[field]}
                          onChange={(e) => update(p.key, { votes: { ...r.votes, [field]: Math.max(0, Number(e.target.value) || 0) } })}
                        />
                      )}
                    </Field>
                  ))}
                  <p className="kern-body kern-body--small" aria-live="polite">
                    {cast} Stimmen{attendance ? ` bei ${attendance.presentMembers} Anwesenden` : ''}
                    {attendance && cast > attendance.presentMembers ? ' – mehr Stimmen als Anwesende!' : ''}
                  </p>
                </div>
              ) : null}
              {r.outcome.endsWith('WithAmendment') ? (
                <Field label="Geänderter Text" errors={fieldErrors(cmd.error, `outcomes.${motion.proposals.indexOf(p)}.amendedText`)}>
                  {(props) => <textarea {...props} className="kern-form-input__input" rows={4} value={r.amendedText} onChange={(e) => update(p.key, { amendedText: e.target.value })} />}
                </Field>
              ) : null}
            </div>
          </fieldset>
        );
      })}
    </FormFrame>
  );
}
