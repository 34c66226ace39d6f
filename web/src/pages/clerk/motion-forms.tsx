import { useQuery } from '@tanstack/react-query';
import { useState, type ComponentType, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { FieldMessages, FormFrame, FormFields, RowList, StepForm, useStepCommand, useValues, toBody, type FieldSpec, type FormRenderer, type StepFormProps, type Values } from '../../shared/command-form';
import type { MotionCommand } from '../../shared/commands';
import { BodyOptions, useBodies } from '../../shared/council';
import { formatDate, formatDateTime } from '../../shared/dates';
import { OUTCOME_LABEL, OUTCOMES_BY_ROLE, STEP_ROLE_LABEL, TASK_STATUS_LABEL, label } from '../../shared/labels';
import { fieldErrors, fieldMessages } from '../../shared/problem';
import { Field, Select } from '../../shared/ui';
import { meetingQuery } from '../../shared/queries';

type Motion = Schemas['MotionDto'];
type Vote = Schemas['VotesDto'];
type Props = StepFormProps & { motion: Motion };

/** The form of every motion command (src/motions/motions.commands.ts), each built from its request DTO. */
const FORMS = {
  EDIT_MOTION: EditMotionForm,
  ADD_PROPOSAL: AddProposalForm,
  EDIT_PROPOSAL: EditProposalForm,
  REMOVE_PROPOSAL: RemoveProposalForm,
  SET_CONSULTATION_SEQUENCE: SequenceForm,
  SUBMIT_FOR_COSIGNING: ConfirmForm,
  COSIGN: CosignForm,
  REFUSE_COSIGN: RefuseCosignForm,
  RETURN_TO_DRAFT: ReasonForm,
  RELEASE: ConfirmForm,
  SCHEDULE: ScheduleForm,
  UNSCHEDULE: UnscheduleForm,
  RECORD_OUTCOME: OutcomeForm,
  REVISE: ConfirmForm,
  SCHEDULE_URGENT: ScheduleUrgentForm,
  URGENT_DECISION: UrgentDecisionForm,
  URGENT_DECISION_BY_LANDRAT: LandratDecisionForm,
  APPROVE_URGENT_DECISION: ApproveUrgentForm,
  REVOKE_URGENT_DECISION: RevokeUrgentForm,
  WITHDRAW: ReasonForm,
  ADD_TASK: AddTaskForm,
  UPDATE_TASK: UpdateTaskForm,
  COMPLETE_IMPLEMENTATION: ConfirmForm,
  CLOSE: CloseForm,
} satisfies Record<MotionCommand, ComponentType<Props>>;

export function motionForms(motion: Motion): Record<MotionCommand, FormRenderer> {
  return Object.fromEntries(Object.entries(FORMS).map(([command, Form]) => [command, (p: StepFormProps) => <Form {...p} motion={motion} />])) as Record<MotionCommand, FormRenderer>;
}

/** Only what differs from the initial values: an edit names the fields it changes. */
function changed(body: Record<string, unknown>, initial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const before = initial[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = changed(value as Record<string, unknown>, (before ?? {}) as Record<string, unknown>);
      if (Object.keys(inner).length) out[key] = inner;
    } else if (JSON.stringify(value) !== JSON.stringify(before)) out[key] = value;
  }
  return out;
}

const reason = (label = 'Begründung', codes: string[] = ['MOTION.REASON_REQUIRED']): FieldSpec => ({ name: 'reason', label, kind: 'textarea', codes });

function ConfirmForm(p: Props) {
  return <StepForm {...p} intro={<p className="kern-body">Vorlage {p.motion.reference}: diesen Schritt jetzt ausführen?</p>} />;
}

function ReasonForm(p: Props) {
  return <StepForm {...p} fields={[reason()]} />;
}

function CloseForm(p: Props) {
  return <StepForm {...p} intro={<p className="kern-body">Die Vorlage hat nichts beschlossen, das umzusetzen wäre.</p>} fields={[{ ...reason(), optional: true }]} />;
}

const OUTLINE: [Exclude<keyof Schemas['OutlineDto'], 'nonPublicSections'>, string][] = [
  ['problemAndSolution', 'I. Problem / Lösung'],
  ['alternatives', 'II. Alternativen'],
  ['impacts', 'III. Auswirkungen / Zusammenhänge (Finanzen, Personal, IT)'],
  ['competence', 'IV. Zuständigkeit für die Entscheidung'],
];

function EditMotionForm(p: Props) {
  const m = p.motion;
  const fields: FieldSpec[] = [
    { name: 'title', label: 'Betreff', initial: m.title },
    { name: 'department', label: 'Federführende Stelle', initial: m.department },
    { name: 'requiredCosigners', label: 'Mitzeichnende Stellen', kind: 'lines', hint: 'Eine Stelle je Zeile.', initial: m.requiredCosigners },
    ...OUTLINE.map(([key, text]): FieldSpec => ({ name: `outline.${key}`, label: text, kind: 'textarea', optional: true, initial: m.outline[key] ?? '' })),
    { name: 'outline.nonPublicSections', label: 'Nichtöffentliche Abschnitte der Begründung', kind: 'choices', optional: true, options: OUTLINE.map(([value, text]) => ({ value, label: text })), initial: m.outline.nonPublicSections },
  ];
  const initial = toBody(fields, {});
  return <StepForm {...p} fields={fields} body={(body) => changed(body, initial)} submitLabel="Änderungen speichern" />;
}

function useCompetences() {
  return useQuery({ queryKey: ['competences'], queryFn: () => unwrap(api.GET('/competences')), staleTime: 10 * 60_000 });
}

const legalBasisField = (competences: Schemas['CompetenceDto'][] | undefined, initial?: string): FieldSpec => ({
  name: 'legalBasis',
  label: 'Rechtsgrundlage',
  kind: 'select',
  hint: 'Aus dem Zuständigkeitskatalog; sie bestimmt, welches Gremium entscheiden darf.',
  options: (competences ?? []).map((c) => ({ value: c.citation, label: `${c.citation} – ${c.text}` })),
  codes: ['MOTION.UNKNOWN_LEGAL_BASIS', 'MOTION.LEGAL_BASIS_MISSING'],
  ...(initial ? { initial } : {}),
});

function AddProposalForm(p: Props) {
  const competences = useCompetences();
  const next = Math.max(0, ...p.motion.proposals.map((x) => Number(x.key)).filter(Number.isFinite)) + 1;
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'key', label: 'Nummer', initial: String(next), codes: ['MOTION.DUPLICATE_PROPOSAL'] },
        { name: 'text', label: 'Text des Beschlussvorschlags', kind: 'textarea', codes: ['MOTION.TEXT_REQUIRED'] },
        legalBasisField(competences.data),
      ]}
    />
  );
}

const proposalField = (m: Motion): FieldSpec => ({ name: 'key', label: 'Beschlussvorschlag', kind: 'select', options: m.proposals.map((x) => ({ value: x.key, label: `Beschlussvorschlag ${x.key}` })), codes: ['MOTION.UNKNOWN_PROPOSAL'] });

function EditProposalForm(p: Props) {
  const competences = useCompetences();
  const proposalOf = (values: Values) => p.motion.proposals.find((x) => x.key === values.key) ?? p.motion.proposals[0];
  return (
    <StepForm
      {...p}
      fields={(values) => {
        const proposal = proposalOf(values);
        return [proposalField(p.motion), { name: 'text', label: 'Text', kind: 'textarea', initial: proposal?.text ?? '', hint: 'Hat ein Gremium den Text schon beraten, entsteht eine neue Fassung.', codes: ['MOTION.TEXT_REQUIRED'] }, legalBasisField(competences.data, proposal?.legalBasis.citation)];
      }}
      params={(body) => ({ key: String(body.key) })}
      body={({ key: _, ...body }, values) => {
        const proposal = proposalOf(values);
        return changed(body, { text: proposal?.text, legalBasis: proposal?.legalBasis.citation });
      }}
      submitLabel="Änderung speichern"
    />
  );
}

function RemoveProposalForm(p: Props) {
  return <StepForm {...p} fields={[proposalField(p.motion)]} params={(body) => ({ key: String(body.key) })} body={() => undefined} />;
}

const ROLES = ['vorberatung', 'anhoerung', 'kenntnisnahme', 'entscheidung'] as const;

function SequenceForm(p: Props) {
  const bodies = useBodies();
  const [steps, setSteps] = useState<{ bodyId: string; role: string }[]>(() => p.motion.steps.map((s) => ({ bodyId: s.bodyId, role: s.role })));
  const cmd = useStepCommand(p);
  const errors = fieldMessages(cmd.error, 'steps', ['MOTION.NO_DECIDING_STEP', 'MOTION.MULTIPLE_DECIDING_STEPS', 'MOTION.INVALID_STEP', 'MOTION.UNKNOWN_BODY']);
  return (
    <FormFrame title={p.title} hint={p.step.hint} onClose={p.onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate({ body: { steps } }))} error={cmd.error} pending={cmd.isPending}>
      <FieldMessages errors={errors} />
      <RowList legend="Beratungsfolge in ihrer Reihenfolge" rows={steps} onChange={setSteps} blank={() => ({ bodyId: bodies.data?.[0]?.id ?? '', role: 'vorberatung' })} addLabel="Schritt hinzufügen" rowName={(i) => `Schritt ${i + 1}`}>
        {(row, set) => (
          <>
            <Field label="Gremium">
              {(f) => (
                <Select {...f} value={row.bodyId} onChange={(e) => set({ bodyId: e.target.value })}>
                  <BodyOptions bodies={bodies} />
                </Select>
              )}
            </Field>
            <Field label="Rolle">
              {(f) => (
                <Select {...f} value={row.role} onChange={(e) => set({ role: e.target.value })}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {label(STEP_ROLE_LABEL, r)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </>
        )}
      </RowList>
    </FormFrame>
  );
}

const openCosigners = (m: Motion) => m.requiredCosigners.filter((d) => !m.cosignatures.some((c) => c.department === d));
const departmentField = (m: Motion): FieldSpec => ({ name: 'department', label: 'Mitzeichnende Stelle', kind: 'select', options: openCosigners(m).map((d) => ({ value: d, label: d })), codes: ['MOTION.NOT_A_COSIGNER', 'MOTION.ALREADY_COSIGNED'] });

function CosignForm(p: Props) {
  return <StepForm {...p} fields={[departmentField(p.motion)]} />;
}

function RefuseCosignForm(p: Props) {
  return <StepForm {...p} intro={<p className="kern-body">Die Vorlage geht in den Entwurf zurück.</p>} fields={[departmentField(p.motion), reason('Begründung der Verweigerung')]} />;
}

type Meeting = Schemas['MeetingDto'];
const meetingOption = (m: Pick<Meeting, 'id' | 'bodyName' | 'start'>) => ({ value: m.id, label: `${m.bodyName}, ${formatDateTime(m.start)}` });

/** Open (not yet held) meetings of the given bodies, soonest first. */
function useOpenMeetingsOf(bodyIds: string[]) {
  const bodies = [...new Set(bodyIds)].sort();
  return useQuery({
    queryKey: ['meetings', 'open', bodies.join(',')],
    queryFn: async () => {
      const pages = await Promise.all(bodies.map((bodyId) => unwrap(api.GET('/meetings', { params: { query: { bodyId, pageSize: 100 } } }))));
      return pages.flatMap((x) => x.items).filter((x) => x.state === 'scheduled' || x.state === 'invited').sort((a, b) => a.start.localeCompare(b.start));
    },
    enabled: bodies.length > 0,
  });
}

/** The bodies still ahead in the Beratungsfolge. */
const bodiesAhead = (m: Motion) => m.steps.filter((s) => !m.consultations.some((c) => c.stepIndex === s.index && c.status !== 'removed')).map((s) => s.bodyId);

function ScheduleForm(p: Props) {
  const meetings = useOpenMeetingsOf(bodiesAhead(p.motion));
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'meetingId', label: 'Sitzung', kind: 'select', options: (meetings.data ?? []).map(meetingOption), hint: meetings.data?.length === 0 ? 'Kein Gremium der Beratungsfolge hat eine offene Sitzung.' : undefined, codes: ['MOTION.WRONG_BODY', 'MOTION.MEETING_IN_PAST', 'MEETING.AGENDA_CLOSED'] },
        { name: 'public', label: 'Öffentlicher Teil der Sitzung', kind: 'checkbox', initial: true },
        { name: 'urgentReason', label: 'Begründung der Dringlichkeit (nur bei verkürzter Ladungsfrist)', optional: true, codes: ['MOTION.INVITATION_TOO_LATE'] },
        { name: 'stepIndex', label: 'Schritt der Beratungsfolge', kind: 'select', optional: true, hint: 'Ohne Angabe: der anstehende Schritt oder eine offene Kenntnisnahme des Gremiums.', options: p.motion.steps.map((s) => ({ value: String(s.index), label: `${s.index + 1}. ${s.bodyName} (${label(STEP_ROLE_LABEL, s.role)})` })), codes: ['MOTION.STEP_NOT_CURRENT', 'MOTION.STEP_COMPLETED', 'MOTION.UNKNOWN_STEP'] },
      ]}
      body={({ stepIndex, ...body }) => ({ ...body, ...(stepIndex === undefined ? {} : { stepIndex: Number(stepIndex) }) })}
    />
  );
}

/** The meetings whose agenda the motion is on now. */
const agendaMeetings = (m: Motion) => m.consultations.filter((c) => c.status === 'scheduled' && c.meetingId).map((c) => ({ value: c.meetingId!, label: `${c.bodyName}, ${c.meetingStart ? formatDateTime(c.meetingStart) : ''}` }));
const agendaMeetingField = (m: Motion, codes: string[] = ['MOTION.NOT_ON_AGENDA', 'MEETING.NOT_HELD', 'MOTION.MEETING_NOT_YET_HELD']): FieldSpec => ({ name: 'meetingId', label: 'Sitzung', kind: 'select', options: agendaMeetings(m), codes });

function UnscheduleForm(p: Props) {
  return <StepForm {...p} fields={[agendaMeetingField(p.motion, ['MOTION.NOT_ON_AGENDA']), { ...reason(), kind: 'text' }]} />;
}

function ScheduleUrgentForm(p: Props) {
  const bodies = useBodies();
  const meetings = useOpenMeetingsOf((bodies.data ?? []).filter((b) => b.kind === 'kreisausschuss').map((b) => b.id));
  return (
    <StepForm
      {...p}
      intro={<p className="kern-body">Die Vorlage kommt außerhalb der Beratungsfolge vor den Kreisausschuss (§ 50 Abs. 3 KrO NRW), mit verkürzter Ladungsfrist.</p>}
      fields={[
        { name: 'meetingId', label: 'Sitzung des Kreisausschusses', kind: 'select', options: (meetings.data ?? []).map(meetingOption), codes: ['MOTION.WRONG_BODY', 'MOTION.MEETING_IN_PAST'] },
        { name: 'urgentReason', label: 'Warum der Kreistag nicht rechtzeitig entscheiden kann', kind: 'textarea', codes: ['MOTION.REASON_REQUIRED', 'MOTION.INVITATION_TOO_LATE'] },
        { name: 'public', label: 'Öffentlicher Teil der Sitzung', kind: 'checkbox', initial: true },
      ]}
    />
  );
}

const VOTE_FIELDS: [keyof Vote, string][] = [
  ['ja', 'Ja'],
  ['nein', 'Nein'],
  ['enthaltung', 'Enthaltung'],
  ['befangen', 'Befangen'],
];
const NO_VOTES: Vote = { ja: 0, nein: 0, enthaltung: 0, befangen: 0 };

/** Votes as four number fields of one body field (`votes.ja` …). */
const voteFields = (prefix: string): FieldSpec[] => VOTE_FIELDS.map(([field, text]) => ({ name: `${prefix}.${field}`, label: text, kind: 'number', min: 0, initial: '0', codes: ['MOTION.INVALID_VOTES', 'MOTION.VOTES_MISSING'] }));

interface OutcomeRow {
  outcome: string;
  votes: Vote;
  amendedText: string;
}
const needsVotes = (outcome: string) => !['takenNote', 'postponed', 'referredBack'].includes(outcome);

/**
 * Per proposal its result, the votes (where the result needs them) and the amended text (for a
 * result "mit Änderung"), with the API's messages under each field (`outcomes.0.votes.ja` …).
 */
function useProposalOutcomes(motion: Motion, outcomes: string[], withVotes: boolean) {
  const [rows, setRows] = useState<Record<string, OutcomeRow>>({});
  const row = (key: string): OutcomeRow => rows[key] ?? { outcome: outcomes[0] ?? '', votes: NO_VOTES, amendedText: '' };
  const update = (key: string, change: Partial<OutcomeRow>) => setRows((r) => ({ ...r, [key]: { ...row(key), ...change } }));
  const body = motion.proposals.map((p) => {
    const r = row(p.key);
    return {
      proposalKey: p.key,
      outcome: r.outcome as Schemas['ProposalOutcomeDto']['outcome'],
      ...(withVotes && needsVotes(r.outcome) ? { votes: r.votes } : {}),
      ...(r.outcome.endsWith('WithAmendment') ? { amendedText: r.amendedText } : {}),
    };
  });
  const render = (error: unknown, presentMembers?: number) =>
    motion.proposals.map((p, i) => {
      const r = row(p.key);
      const cast = r.votes.ja + r.votes.nein + r.votes.enthaltung + r.votes.befangen;
      return (
        <fieldset key={p.key} className="kern-fieldset">
          <legend className="kern-label">Beschlussvorschlag {p.key}</legend>
          <div className="kern-fieldset__body kern-stack">
            <Field label="Ergebnis" errors={fieldMessages(error, `outcomes.${i}.outcome`)}>
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
            {withVotes && needsVotes(r.outcome) ? (
              <div className="votes">
                {VOTE_FIELDS.map(([field, text]) => (
                  <Field key={field} label={text} errors={fieldErrors(error, `outcomes.${i}.votes.${field}`)}>
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
                  {cast} Stimmen{presentMembers !== undefined ? ` bei ${presentMembers} Anwesenden` : ''}
                  {presentMembers !== undefined && cast > presentMembers ? ' – mehr Stimmen als Anwesende!' : ''}
                </p>
              </div>
            ) : null}
            {r.outcome.endsWith('WithAmendment') ? (
              <Field label="Geänderter Text" errors={fieldMessages(error, `outcomes.${i}.amendedText`, ['MOTION.AMENDMENT_TEXT_MISSING'])}>
                {(props) => <textarea {...props} className="kern-form-input__input" rows={4} value={r.amendedText} onChange={(e) => update(p.key, { amendedText: e.target.value })} />}
              </Field>
            ) : null}
          </div>
        </fieldset>
      );
    });
  return { body, render, reset: () => setRows({}) };
}

/** The meeting's attendance and quorum, as the outcome forms show it while votes are entered. */
function Quorum({ meetingId }: { meetingId: string | undefined }) {
  const meeting = useQuery({ ...meetingQuery(meetingId ?? ''), enabled: Boolean(meetingId) });
  const attendance = meeting.data?.data.attendance;
  return (
    <p className="kern-body quorum" aria-live="polite" data-testid="quorum">
      {attendance
        ? `Anwesend: ${attendance.presentMembers} von ${attendance.statutoryMembers} stimmberechtigten Mitgliedern – ${attendance.quorate ? 'beschlussfähig' : 'nicht beschlussfähig'}.`
        : meeting.isPending && meetingId
          ? 'Anwesenheit wird geladen …'
          : 'Für diese Sitzung ist noch keine Anwesenheit erfasst.'}
    </p>
  );
}

function usePresent(meetingId: string | undefined) {
  return useQuery({ ...meetingQuery(meetingId ?? ''), enabled: Boolean(meetingId) }).data?.data.attendance?.presentMembers;
}

/** The outcome of one consultation: per proposal its result and votes, checked against the attendance. */
function OutcomeForm(p: Props) {
  const m = p.motion;
  const open = m.consultations.filter((c) => c.status === 'scheduled' && c.meetingId);
  const [no, setNo] = useState(open[0]?.no ?? 0);
  const consultation = open.find((c) => c.no === no) ?? open[0];
  const proposals = useProposalOutcomes(m, OUTCOMES_BY_ROLE[consultation?.role ?? ''] ?? [], true);
  const present = usePresent(consultation?.meetingId ?? undefined);
  const cmd = useStepCommand(p);
  if (!consultation) {
    return (
      <FormFrame title={p.title} onClose={p.onClose}>
        <p className="kern-body">Die Vorlage steht auf keiner offenen Tagesordnung.</p>
      </FormFrame>
    );
  }
  const submit = (e: FormEvent) => (e.preventDefault(), cmd.mutate({ body: { meetingId: consultation.meetingId, outcomes: proposals.body } }));
  return (
    <FormFrame title={p.title} hint={p.step.hint} onClose={p.onClose} onSubmit={submit} error={cmd.error} pending={cmd.isPending} submitLabel="Ergebnis speichern">
      <Field label="Beratung" errors={fieldMessages(cmd.error, 'meetingId', ['MEETING.NOT_HELD', 'MOTION.MEETING_NOT_YET_HELD', 'MOTION.ATTENDANCE_MISSING', 'MOTION.NO_QUORUM'])}>
        {(f) => (
          <Select {...f} value={consultation.no} onChange={(e) => (setNo(Number(e.target.value)), proposals.reset())}>
            {open.map((c) => (
              <option key={c.no} value={c.no}>
                {c.bodyName} ({label(STEP_ROLE_LABEL, c.role)}), {c.meetingStart ? formatDateTime(c.meetingStart) : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Quorum meetingId={consultation.meetingId ?? undefined} />
      {proposals.render(cmd.error, present)}
    </FormFrame>
  );
}

const DECISIONS = ['adopted', 'adoptedWithAmendment', 'rejected'];

/** The Kreisausschuss decides in place of the Kreistag, in the held meeting the motion is on. */
function UrgentDecisionForm(p: Props) {
  const proposals = useProposalOutcomes(p.motion, DECISIONS, true);
  const [values, set] = useValues();
  const fields = [agendaMeetingField(p.motion), reason('Warum der Kreistag nicht rechtzeitig einberufen werden konnte')];
  const base = toBody(fields, values);
  const present = usePresent(base.meetingId as string | undefined);
  const cmd = useStepCommand(p);
  return (
    <FormFrame title={p.title} hint={p.step.hint} onClose={p.onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate({ body: { ...base, outcomes: proposals.body } }))} error={cmd.error} pending={cmd.isPending}>
      <FormFields fields={fields} values={values} set={set} error={cmd.error} />
      <Quorum meetingId={base.meetingId as string | undefined} />
      {proposals.render(cmd.error, present)}
    </FormFrame>
  );
}

function usePersons() {
  return useQuery({ queryKey: ['persons'], queryFn: () => unwrap(api.GET('/persons')), staleTime: 10 * 60_000 });
}

/** The Landrat with one member of the Kreisausschuss, outside a meeting: no votes, two persons decide. */
function LandratDecisionForm(p: Props) {
  const persons = usePersons();
  const options = [...(persons.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'de')).map((x) => ({ value: x.id, label: x.name }));
  const proposals = useProposalOutcomes(p.motion, DECISIONS, false);
  const [values, set] = useValues();
  const fields: FieldSpec[] = [
    { name: 'landratPersonId', label: 'Landrat', kind: 'select', options, codes: ['MOTION.UNKNOWN_PERSON', 'MOTION.DECIDERS_MISSING'] },
    { name: 'memberPersonId', label: 'Mitglied des Kreisausschusses', kind: 'select', options, codes: ['MOTION.UNKNOWN_PERSON', 'MOTION.DECIDERS_MISSING'] },
    reason('Warum nicht einmal der Kreisausschuss rechtzeitig einberufen werden kann, und welcher Schaden droht'),
  ];
  const cmd = useStepCommand(p);
  return (
    <FormFrame title={p.title} hint={p.step.hint} onClose={p.onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate({ body: { ...toBody(fields, values), outcomes: proposals.body } }))} error={cmd.error} pending={cmd.isPending}>
      <FormFields fields={fields} values={values} set={set} error={cmd.error} />
      {proposals.render(cmd.error)}
    </FormFrame>
  );
}

function ApproveUrgentForm(p: Props) {
  return <StepForm {...p} intro={<p className="kern-body">Der Kreistag genehmigt die Dringlichkeitsentscheidung.</p>} fields={[agendaMeetingField(p.motion), ...voteFields('votes')]} />;
}

function RevokeUrgentForm(p: Props) {
  return (
    <StepForm
      {...p}
      intro={<p className="kern-body">Der Kreistag hebt die Dringlichkeitsentscheidung auf; die Vorlage kehrt zu ihrem Entscheidungsschritt zurück.</p>}
      fields={[
        agendaMeetingField(p.motion),
        ...voteFields('votes'),
        reason(),
        { name: 'thirdPartyRightsArisen', label: 'Durch die Ausführung sind bereits Rechte Dritter entstanden', kind: 'checkbox', codes: ['MOTION.REVOCATION_BARRED'] },
      ]}
    />
  );
}

const adoptedKeys = (m: Motion) => (m.decision?.outcomes ?? []).filter((o) => o.outcome !== 'rejected').map((o) => o.proposalKey);

function AddTaskForm(p: Props) {
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'title', label: 'Aufgabe' },
        { name: 'owner', label: 'Zuständig' },
        { name: 'dueDate', label: 'Erledigen bis', kind: 'date' },
        { name: 'proposalKey', label: 'Umgesetzter Beschluss', kind: 'select', optional: true, options: adoptedKeys(p.motion).map((k) => ({ value: k, label: `Beschlussvorschlag ${k}` })), codes: ['MOTION.PROPOSAL_NOT_ADOPTED', 'MOTION.UNKNOWN_PROPOSAL'] },
      ]}
    />
  );
}

const TASK_STATUSES = ['open', 'inProgress', 'done', 'cancelled'] as const;

function UpdateTaskForm(p: Props) {
  const tasks = p.motion.tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled');
  const taskOf = (values: Values) => tasks.find((t) => t.taskId === values.taskId) ?? tasks[0];
  return (
    <StepForm
      {...p}
      fields={(values) => {
        const task = taskOf(values);
        return [
          { name: 'taskId', label: 'Aufgabe', kind: 'select', options: tasks.map((t) => ({ value: t.taskId, label: `${t.title} (bis ${formatDate(t.dueDate)})` })), codes: ['MOTION.UNKNOWN_TASK', 'MOTION.TASK_CLOSED'] },
          { name: 'status', label: 'Stand', kind: 'select', options: TASK_STATUSES.map((s) => ({ value: s, label: label(TASK_STATUS_LABEL, s) })), initial: task?.status ?? 'open' },
          { name: 'report', label: 'Sachstandsbericht', kind: 'textarea', optional: true, codes: ['MOTION.TASK_INCOMPLETE'] },
          { name: 'owner', label: 'Zuständig', initial: task?.owner ?? '' },
          { name: 'dueDate', label: 'Erledigen bis', kind: 'date', initial: task?.dueDate ?? '' },
        ];
      }}
      params={(body) => ({ taskId: String(body.taskId) })}
      body={({ taskId: _, report, ...body }, values) => {
        const task = taskOf(values);
        return { ...changed(body, { status: task?.status, owner: task?.owner, dueDate: task?.dueDate }), ...(report ? { report } : {}) };
      }}
      submitLabel="Fortschreiben"
    />
  );
}
