import { useQuery } from '@tanstack/react-query';
import { useState, type ComponentType } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { decimal, FieldMessages, FormFields, FormFrame, RowList, StepForm, toBody, useStepCommand, useValues, type FieldSpec, type FormRenderer, type StepFormProps } from '../../shared/command-form';
import type { SelectionCommand } from '../../shared/commands';
import { useBodies } from '../../shared/council';
import { berlinLocal, formatDateTime } from '../../shared/dates';
import { fieldMessages } from '../../shared/problem';
import { Field } from '../../shared/ui';
import { formatDecimal } from './labels';

type Procedure = Schemas['ProcedureDto'];
type Props = StepFormProps & { procedure: Procedure };

/** The form of every selection command (src/selection/selection.commands.ts), each built from its request DTO. */
const FORMS = {
  EDIT: EditProcedureForm,
  PUBLISH: ConfirmForm,
  RECEIVE_DECLARATION: DeclarationForm,
  RECORD_LATE_DECLARATION: DeclarationForm,
  DECLARE_CONFLICT: ConflictForm,
  CLOSE: ConfirmForm,
  START_EVALUATION: ConfirmForm,
  SCORE: ScoreForm,
  START_TALKS: ConfirmForm,
  RECORD_TALK: TalkForm,
  DECIDE_SELECTION: DecisionForm,
  ROLL_OUT: RollOutForm,
  RECORD_STAFFING: StaffingForm,
  INFORM_COMMITTEE: InformCommitteeForm,
  COMPLETE: ConfirmForm,
  CANCEL: ReasonForm,
  NO_SUITABLE_DECLARATION: ReasonForm,
} satisfies Record<SelectionCommand, ComponentType<Props>>;

export function selectionForms(procedure: Procedure): Record<SelectionCommand, FormRenderer> {
  return Object.fromEntries(Object.entries(FORMS).map(([command, Form]) => [command, (p: StepFormProps) => <Form {...p} procedure={procedure} />])) as Record<SelectionCommand, FormRenderer>;
}

function ConfirmForm(p: Props) {
  return <StepForm {...p} intro={<p className="kern-body">Auswahlverfahren Baustein {p.procedure.module}: diesen Schritt jetzt ausführen?</p>} />;
}

function ReasonForm(p: Props) {
  return <StepForm {...p} fields={[{ name: 'reason', label: 'Begründung', kind: 'textarea', codes: ['SELECTION.REASON_REQUIRED'] }]} />;
}

interface Criterion {
  key: string;
  name: string;
  weight: string;
}

/** The draft's setup; only what changed is sent (PATCH). */
function EditProcedureForm(p: Props) {
  const d = p.procedure;
  const fields: FieldSpec[] = [
    { name: 'title', label: 'Titel', initial: d.title },
    { name: 'callText', label: 'Text des Aufrufs', kind: 'textarea', optional: true, initial: d.callText ?? '' },
    { name: 'deadline', label: 'Frist der Interessenbekundung', kind: 'datetime', initial: berlinLocal(d.deadline), codes: ['SELECTION.DEADLINE_PASSED'] },
    { name: 'scaleMax', label: 'Höchstpunktzahl je Kriterium', kind: 'number', min: 1, max: 100, initial: String(d.scaleMax) },
    { name: 'requiredEvaluators', label: 'Bewertende je Bekundung', kind: 'number', min: 1, max: 50, initial: String(d.requiredEvaluators) },
    { name: 'fte', label: 'Verfügbare Stellenanteile (VZÄ)', kind: 'decimal', hint: 'z. B. 1,5', initial: formatDecimal(d.fteAvailable) },
    { name: 'municipalities', label: 'Kommunen des Gebiets', kind: 'lines', hint: 'Eine Kommune je Zeile.', initial: d.municipalities },
  ];
  const [values, set] = useValues();
  const [criteria, setCriteria] = useState<Criterion[]>(() => d.criteria.map((c) => ({ key: c.key, name: c.name, weight: formatDecimal(c.weight) })));
  const cmd = useStepCommand(p);
  const submit = () => {
    const initial = toBody(fields, {});
    const body = Object.fromEntries(Object.entries(toBody(fields, values)).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(initial[k])));
    const typed = criteria.map((c) => ({ key: c.key.trim(), name: c.name.trim(), weight: decimal(c.weight) }));
    const changedCriteria = JSON.stringify(typed) !== JSON.stringify(d.criteria.map((c) => ({ key: c.key, name: c.name, weight: c.weight })));
    cmd.mutate({ body: { ...body, ...(changedCriteria ? { criteria: typed } : {}) } });
  };
  const errors = fieldMessages(cmd.error, 'criteria', ['SELECTION.SETUP_INVALID']);
  return (
    <FormFrame title={p.title} hint={p.step.hint} onClose={p.onClose} onSubmit={(e) => (e.preventDefault(), submit())} error={cmd.error} pending={cmd.isPending} submitLabel="Änderungen speichern">
      <FormFields fields={fields} values={values} set={set} error={cmd.error} />
      <FieldMessages errors={errors} />
      <RowList legend="Bewertungskriterien (Gewichte zusammen 100 %)" rows={criteria} onChange={setCriteria} blank={() => ({ key: '', name: '', weight: '' })} addLabel="Kriterium hinzufügen" rowName={(i) => `Kriterium ${i + 1}`}>
        {(row, change) => (
          <>
            <Field label="Schlüssel">{(f) => <input {...f} className="kern-form-input__input kern-form-input__input--width-10" value={row.key} onChange={(e) => change({ key: e.target.value })} />}</Field>
            <Field label="Bezeichnung">{(f) => <input {...f} className="kern-form-input__input" value={row.name} onChange={(e) => change({ name: e.target.value })} />}</Field>
            <Field label="Gewicht in %">{(f) => <input {...f} className="kern-form-input__input kern-form-input__input--width-5" inputMode="decimal" value={row.weight} onChange={(e) => change({ weight: e.target.value })} />}</Field>
          </>
        )}
      </RowList>
    </FormFrame>
  );
}

function useProviders() {
  return useQuery({ queryKey: ['providers'], queryFn: () => unwrap(api.GET('/selection/providers', { params: { query: { pageSize: 100 } } })), staleTime: 5 * 60_000 });
}

function DeclarationForm(p: Props) {
  const providers = useProviders();
  const late = p.step.command === 'RECORD_LATE_DECLARATION';
  return (
    <StepForm
      {...p}
      intro={late ? <p className="kern-body">Eine verspätete Bekundung wird aufbewahrt, aber nicht bewertet.</p> : null}
      fields={[
        { name: 'providerId', label: 'Träger', kind: 'select', options: (providers.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })), codes: ['SELECTION.UNKNOWN_PROVIDER', 'SELECTION.DUPLICATE_DECLARATION'] },
        { name: 'receivedAt', label: 'Eingegangen am', kind: 'datetime', codes: ['SELECTION.DECLARATION_LATE', 'SELECTION.DECLARATION_NOT_LATE'] },
        { name: 'municipalities', label: 'Angebotene Kommunen', kind: 'choices', options: p.procedure.municipalities.map((m) => ({ value: m, label: m })), codes: ['SELECTION.UNKNOWN_MUNICIPALITY'] },
        { name: 'concept', label: 'Konzept (Kurzfassung)', kind: 'textarea' },
      ]}
    />
  );
}

const declarationField = (d: Procedure, admittedOnly: boolean): FieldSpec => ({
  name: 'declarationId',
  label: 'Interessenbekundung',
  kind: 'select',
  options: d.declarations.filter((x) => x.admitted || !admittedOnly).map((x) => ({ value: x.declarationId, label: `${x.providerName} (${x.declarationId})` })),
  codes: ['SELECTION.NOT_ADMITTED'],
});

/** Evaluators already named in this procedure, offered while typing. */
const evaluators = (d: Procedure) => [...new Set([...d.scores.map((s) => s.evaluatorId), ...d.conflicts.map((c) => c.evaluatorId)])].sort();

function ConflictForm(p: Props) {
  const d = p.procedure;
  const providers = [...new Map(d.declarations.map((x) => [x.providerId, x.providerName])).entries()];
  return (
    <StepForm
      {...p}
      intro={<p className="kern-body">Die Bewertungen der befangenen Person für diesen Träger werden zurückgezogen.</p>}
      fields={[
        { name: 'evaluatorId', label: 'Bewertende Person (Kennung)', suggestions: evaluators(d), codes: ['SELECTION.CONFLICT_ALREADY_DECLARED'] },
        { name: 'providerId', label: 'Träger', kind: 'select', options: providers.map(([value, name]) => ({ value, label: name })), codes: ['SELECTION.UNKNOWN_PROVIDER'] },
        { name: 'note', label: 'Vermerk', kind: 'textarea', optional: true },
      ]}
    />
  );
}

function ScoreForm(p: Props) {
  const d = p.procedure;
  return (
    <StepForm
      {...p}
      intro={<p className="kern-body">Eine erneute Bewertung derselben Person ersetzt die frühere.</p>}
      fields={[
        declarationField(d, true),
        { name: 'criterionKey', label: 'Kriterium', kind: 'select', options: d.criteria.map((c) => ({ value: c.key, label: c.name })), codes: ['SELECTION.UNKNOWN_CRITERION'] },
        { name: 'evaluatorId', label: 'Bewertende Person (Kennung)', suggestions: evaluators(d), codes: ['SELECTION.EVALUATOR_CONFLICT'] },
        { name: 'points', label: `Punkte (0 bis ${d.scaleMax})`, kind: 'number', min: 0, max: d.scaleMax, codes: ['SELECTION.POINTS_OUT_OF_RANGE'] },
        { name: 'comment', label: 'Begründung der Bewertung', kind: 'textarea' },
      ]}
    />
  );
}

function TalkForm(p: Props) {
  return (
    <StepForm
      {...p}
      fields={[
        declarationField(p.procedure, true),
        { name: 'date', label: 'Datum des Gesprächs', kind: 'date' },
        { name: 'participants', label: 'Teilnehmende', kind: 'lines', hint: 'Eine Person oder Stelle je Zeile.' },
        { name: 'resultNote', label: 'Ergebnis', kind: 'textarea' },
      ]}
    />
  );
}

const ALLOCATION_CODES = ['SELECTION.FTE_MISMATCH', 'SELECTION.ALLOCATION_INVALID', 'SELECTION.MUNICIPALITY_UNCOVERED', 'SELECTION.MUNICIPALITY_NOT_OFFERED', 'SELECTION.UNKNOWN_MUNICIPALITY', 'SELECTION.PILOT_MISMATCH', 'SELECTION.NOT_SELECTED'];
type Cells = Record<string, string>;
const cellKey = (providerId: string, municipality: string) => `${providerId}|${municipality}`;

/** The allocation as the body wants it: one entry per filled cell of the grid. */
const allocationOf = (cells: Cells, providerIds: string[]) =>
  Object.entries(cells)
    .filter(([key, fte]) => fte.trim() && providerIds.includes(key.split('|')[0]!))
    .map(([key, fte]) => {
      const [providerId, municipality] = key.split('|') as [string, string];
      return { providerId, municipality, fte: decimal(fte) };
    });

/**
 * The FTE allocation as a grid: one row per municipality, one column per provider, each cell the
 * share (VZÄ) of that provider there. The running total is announced as it changes.
 */
function AllocationGrid({ procedure: d, providers, cells, onChange, error }: { procedure: Procedure; providers: { id: string; name: string }[]; cells: Cells; onChange: (cells: Cells) => void; error: unknown }) {
  const total = allocationOf(cells, providers.map((x) => x.id)).reduce((sum, a) => sum + Number(a.fte || 0), 0);
  const errors = fieldMessages(error, 'allocation', ALLOCATION_CODES);
  return (
    <fieldset className="kern-fieldset">
      <legend className="kern-label">Aufteilung der Stellenanteile (VZÄ) nach Kommune und Träger</legend>
      <div className="kern-fieldset__body kern-stack">
        <FieldMessages errors={errors} />
        {providers.length === 0 ? (
          <p className="kern-body">Erst Träger auswählen.</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Aufteilung">
            <table className="kern-table allocation-grid">
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th className="kern-table__header" scope="col">Kommune</th>
                  {providers.map((x) => (
                    <th key={x.id} className="kern-table__header" scope="col">
                      {x.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {d.municipalities.map((m) => (
                  <tr key={m} className="kern-table__row">
                    <th className="kern-table__header" scope="row">
                      {m}
                    </th>
                    {providers.map((x) => (
                      <td key={x.id} className="kern-table__cell">
                        <input className="kern-form-input__input kern-form-input__input--width-5" inputMode="decimal" aria-label={`VZÄ ${x.name} in ${m}`} value={cells[cellKey(x.id, m)] ?? ''} onChange={(e) => onChange({ ...cells, [cellKey(x.id, m)]: e.target.value })} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="kern-body kern-body--small" aria-live="polite">
          Verteilt: {formatDecimal(total.toFixed(2))} von {formatDecimal(d.fteAvailable)} VZÄ
        </p>
      </div>
    </fieldset>
  );
}

/** Who is selected, the allocation grid, the reason for deviating from the ranking, an optional pilot phase. */
function DecisionForm(p: Props) {
  const d = p.procedure;
  const providers = [...new Map(d.declarations.filter((x) => x.admitted).map((x) => [x.providerId, x.providerName])).entries()].map(([id, name]) => ({ id, name }));
  const [values, set] = useValues();
  const [cells, setCells] = useState<Cells>({});
  const fields: FieldSpec[] = [
    { name: 'selectedProviderIds', label: 'Ausgewählte Träger', kind: 'choices', options: providers.map((x) => ({ value: x.id, label: x.name })), codes: ['SELECTION.NOTHING_SELECTED', 'SELECTION.NOT_ADMITTED'] },
    { name: 'deviationReason', label: 'Begründung einer Abweichung von der Rangfolge', kind: 'textarea', optional: true, hint: 'Nötig, wenn ein höher bewerteter oder gleichauf liegender Träger nicht ausgewählt wird.', codes: ['SELECTION.DEVIATION_WITHOUT_REASON', 'SELECTION.TIE_WITHOUT_REASON'] },
    { name: 'pilotMunicipalities', label: 'Pilotphase nur in diesen Kommunen', kind: 'choices', optional: true, options: d.municipalities.map((m) => ({ value: m, label: m })), hint: 'Ohne Auswahl: das ganze Gebiet.', codes: ['SELECTION.PILOT_MISMATCH'] },
  ];
  const body = toBody(fields, values);
  const selected = (body.selectedProviderIds as string[] | undefined) ?? [];
  const cmd = useStepCommand(p);
  return (
    <FormFrame title={p.title} hint={p.step.hint} onClose={p.onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate({ body: { ...body, allocation: allocationOf(cells, selected) } }))} error={cmd.error} pending={cmd.isPending}>
      <FormFields fields={fields.slice(0, 1)} values={values} set={set} error={cmd.error} />
      <AllocationGrid procedure={d} providers={providers.filter((x) => selected.includes(x.id))} cells={cells} onChange={setCells} error={cmd.error} />
      <FormFields fields={fields.slice(1)} values={values} set={set} error={cmd.error} />
    </FormFrame>
  );
}

function RollOutForm(p: Props) {
  const d = p.procedure;
  const providers = (d.selection?.selected ?? []).map((x) => ({ id: x.providerId, name: x.providerName }));
  const [cells, setCells] = useState<Cells>({});
  const cmd = useStepCommand(p);
  return (
    <FormFrame title={p.title} hint={p.step.hint} onClose={p.onClose} onSubmit={(e) => (e.preventDefault(), cmd.mutate({ body: { allocation: allocationOf(cells, providers.map((x) => x.id)) } }))} error={cmd.error} pending={cmd.isPending}>
      <p className="kern-body">Nach der Pilotphase: die verfügbaren Stellenanteile auf alle Kommunen verteilen.</p>
      <AllocationGrid procedure={d} providers={providers} cells={cells} onChange={setCells} error={cmd.error} />
    </FormFrame>
  );
}

function StaffingForm(p: Props) {
  const selected = p.procedure.selection?.selected ?? [];
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'providerId', label: 'Träger', kind: 'select', options: selected.map((x) => ({ value: x.providerId, label: x.providerName })), codes: ['SELECTION.NOT_SELECTED'] },
        { name: 'status', label: 'Stand', kind: 'select', options: [
          { value: 'staffed', label: 'Besetzt' },
          { value: 'recruiting', label: 'In Ausschreibung' },
        ] },
        { name: 'fte', label: 'Stellenanteil (VZÄ)', kind: 'decimal', hint: 'z. B. 0,5', codes: ['SELECTION.STAFFING_EXCEEDS_ALLOCATION'] },
        { name: 'from', label: 'Besetzt ab / ausgeschrieben seit', kind: 'date' },
      ]}
    />
  );
}

function InformCommitteeForm(p: Props) {
  const bodies = useBodies();
  const committees = (bodies.data ?? []).filter((b) => b.kind !== 'kreistag');
  const state = useValues();
  const bodyId = (state[0].bodyId as string | undefined) || committees[0]?.id || '';
  const meetings = useQuery({ queryKey: ['meetings', 'of', bodyId], queryFn: () => unwrap(api.GET('/meetings', { params: { query: { bodyId, pageSize: 100 } } })), enabled: Boolean(bodyId) });
  return (
    <StepForm
      {...p}
      state={state}
      fields={[
        { name: 'bodyId', label: 'Ausschuss', kind: 'select', options: committees.map((b) => ({ value: b.id, label: b.name })), codes: ['SELECTION.UNKNOWN_BODY'] },
        { name: 'meetingId', label: 'In der Sitzung', kind: 'select', optional: true, options: (meetings.data?.items ?? []).map((m) => ({ value: m.id, label: formatDateTime(m.start) })), codes: ['SELECTION.UNKNOWN_MEETING'] },
        { name: 'date', label: 'Informiert am', kind: 'date' },
      ]}
    />
  );
}
