import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { addDays, berlinDay, berlinMidnight, formatDateTime } from '../../shared/dates';
import { ROLE_LABEL } from '../../shared/labels';
import { ProblemAlert } from '../../shared/problem';
import { download } from '../../shared/download';
import { historyQuery, instanceQuery } from '../../shared/queries';
import { Badge, Empty, Field, PageHeader, QueryState } from '../../shared/ui';
import { label, WORKFLOW_TYPE_LABEL } from '../office/labels';
import { Documents } from '../documents/documents';
import { StateDiagram } from './diagram';
import { auditInstanceRoute } from './routes';
import { activeKeys, stateName } from './state';
import { VerifyButton } from './verify';

type Step = Schemas['HistoryStepDto'];

/** One instance for the auditor: history timeline, state as of, state diagram, verification, evidence, decision record. */
export function AuditInstancePage() {
  const { id } = auditInstanceRoute.useParams();
  const instance = useQuery(instanceQuery(id));
  const history = useQuery(historyQuery(id));
  const workflows = useQuery({ queryKey: ['workflows'], queryFn: () => unwrap(api.GET('/workflows')), staleTime: 10 * 60_000 });
  return (
    <QueryState query={instance} loading="Vorgang wird geladen …">
      {(i) => (
        <>
          <PageHeader title={i.title || i.id} preline={`Prüfung – ${label(WORKFLOW_TYPE_LABEL, i.workflowType)}`} />
          <p className="status-line">
            <Badge tone={i.status === 'done' ? 'success' : 'info'}>{stateName(i.state)}</Badge> <span className="kern-body kern-body--small">Version {i.version}, Maschine v{i.machineVersion}, Kopf-Hash <code>{i.headHash.slice(0, 16)}…</code></span>
          </p>

          <section aria-labelledby="verify-heading" className="section">
            <h2 id="verify-heading" className="kern-heading-medium">
              Prüfen und Beweise sichern
            </h2>
            <VerifyButton id={id} label="Diesen Vorgang prüfen" />
            <BundleDownload id={id} />
          </section>

          {i.workflowType === 'motion' || i.workflowType === 'meeting' ? <Documents type={i.workflowType} id={id} etag={`"${i.version}"`} offers={[{ kind: 'auditReport', parts: false }]} /> : null}

          <section aria-labelledby="diagram-heading" className="section">
            <h2 id="diagram-heading" className="kern-heading-medium">
              Zustandsdiagramm
            </h2>
            <QueryState query={workflows} loading="Maschine wird geladen …">
              {(list) => {
                const definition = list.find((d) => d.type === i.workflowType && d.version === i.machineVersion) ?? list.find((d) => d.type === i.workflowType && d.latest);
                return definition ? <StateDiagram definition={definition} active={activeKeys(i.state)} /> : <Empty>Die Maschine dieses Vorgangs ist nicht bekannt.</Empty>;
              }}
            </QueryState>
          </section>

          <QueryState query={history} loading="Verlauf wird geladen …">
            {(h) => (
              <>
                <StateAsOf id={id} steps={h.steps} />
                <section aria-labelledby="history-heading" className="section">
                  <h2 id="history-heading" className="kern-heading-medium">
                    Verlauf
                  </h2>
                  <p className="kern-body">
                    Angelegt {formatDateTime(h.createdAt)} von {h.createdBy}; {h.steps.length} Ereignisse. <a className="kern-link" href={`/audit/instances/${id}/history.csv`} onClick={(e) => (e.preventDefault(), void download(`/audit/instances/${id}/history.csv`, `verlauf-${id}.csv`))}>Verlauf als CSV</a>
                  </p>
                  <Timeline steps={h.steps} />
                </section>
              </>
            )}
          </QueryState>

          <DecisionRecord id={id} />
        </>
      )}
    </QueryState>
  );
}

function Timeline({ steps, workflowType }: { steps: { seq: number; at: string; type: string; actor: { id: string; role: string }; stateBefore: unknown; stateAfter: unknown; facts: unknown; hash: string; instanceId?: string }[]; workflowType?: (s: number) => string | undefined }) {
  if (steps.length === 0) return <Empty>Noch kein Ereignis.</Empty>;
  return (
    <ol className="timeline" data-testid="history">
      {steps.map((s, n) => (
        <li key={`${s.instanceId ?? ''}-${s.seq}`} className="timeline__step">
          <h3 className="kern-heading-small">
            {s.seq}. <code>{s.type}</code> {workflowType?.(n) ? <span className="kern-body">({workflowType(n)})</span> : null}
          </h3>
          <p className="kern-body">
            {formatDateTime(s.at)} – {label(ROLE_LABEL, s.actor.role)} ({s.actor.id}) – {stateName(s.stateBefore) || 'Anfang'} → <strong>{stateName(s.stateAfter)}</strong>
          </p>
          <Disclosure summary={<span className="kern-body kern-body--small">Fakten und Hash</span>}>
            {() => (
              <>
                <pre className="kern-body kern-body--small">{JSON.stringify(s.facts, null, 2)}</pre>
                <p className="kern-body kern-body--small">
                  Hash <code>{s.hash}</code>
                </p>
              </>
            )}
          </Disclosure>
        </li>
      ))}
    </ol>
  );
}

/** "Stand am": a calendar day (end of that day, Berlin) or a point in the events, chosen with a slider. */
function StateAsOf({ id, steps }: { id: string; steps: Step[] }) {
  const [by, setBy] = useState<{ day: string } | { seq: number }>(() => ({ seq: steps.at(-1)?.seq ?? 0 }));
  const query = 'day' in by ? { at: new Date(berlinMidnight(addDays(by.day, 1)).getTime() - 1).toISOString() } : { seq: by.seq };
  const state = useQuery({ queryKey: ['state-as-of', id, query], queryFn: () => unwrap(api.GET('/audit/instances/{id}/state', { params: { path: { id }, query } })), enabled: 'seq' in by ? by.seq > 0 : Boolean(by.day) });
  const max = steps.at(-1)?.seq ?? 0;
  const seq = 'seq' in by ? by.seq : (state.data?.seq ?? max);
  const stepAt = steps.find((s) => s.seq === seq);
  return (
    <section aria-labelledby="asof-heading" className="section">
      <h2 id="asof-heading" className="kern-heading-medium">
        Stand zu einem Zeitpunkt
      </h2>
      {max === 0 ? (
        <Empty>Der Vorgang hat noch kein Ereignis.</Empty>
      ) : (
        <div className="kern-stack">
          <Field label="Stand am (Tagesende)" hint="Datum wählen: der Stand am Ende dieses Tages (Europe/Berlin).">
            {(p) => <input {...p} type="date" className="kern-form-input__input" value={'day' in by ? by.day : stepAt ? berlinDay(stepAt.at) : ''} onChange={(e) => e.target.value && setBy({ day: e.target.value })} />}
          </Field>
          <Field label={`Nach Ereignis ${seq} von ${max}`} hint="Mit den Pfeiltasten Ereignis für Ereignis durch den Verlauf gehen.">
            {(p) => <input {...p} type="range" className="kern-form-input__input" min={1} max={max} step={1} value={seq} aria-valuetext={stepAt ? `Ereignis ${seq}: ${stepAt.type}, ${formatDateTime(stepAt.at)}` : `Ereignis ${seq}`} onChange={(e) => setBy({ seq: Number(e.target.value) })} />}
          </Field>
          <div aria-live="polite" data-testid="state-as-of">
            {state.error ? (
              <ProblemAlert error={state.error} />
            ) : state.data ? (
              <>
                <p className="kern-body">
                  {state.data.seq === 0 ? (
                    'Zu diesem Zeitpunkt gab es den Vorgang noch nicht.'
                  ) : (
                    <>
                      Stand <strong>{stateName(state.data.state)}</strong> ({state.data.status === 'done' ? 'abgeschlossen' : 'laufend'}) nach Ereignis {state.data.seq}
                      {stepAt ? `, ${stepAt.type} am ${formatDateTime(stepAt.at)}` : ''}
                      {'day' in by ? ` – Tagesende ${by.day.split('-').reverse().join('.')}` : ''}.
                    </>
                  )}
                </p>
                <Disclosure summary={<span className="kern-body kern-body--small">Daten des Vorgangs zu diesem Stand</span>}>
                  {() => <pre className="kern-body kern-body--small">{JSON.stringify(state.data.context, null, 2)}</pre>}
                </Disclosure>
              </>
            ) : (
              <p className="kern-body">Wird berechnet …</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function BundleDownload({ id }: { id: string }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="kern-stack">
      <p>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            download(`/audit/instances/${id}/bundle`, `beweispaket-${id}.json`)
              .catch(setError)
              .finally(() => setBusy(false));
          }}
        >
          <span className="kern-label">{busy ? 'Wird erstellt …' : 'Beweispaket herunterladen'}</span>
        </button>
      </p>
      <p className="kern-body kern-body--small">Signiertes Paket dieses Vorgangs und der verknüpften Verfahren, offline prüfbar mit <code>npm run audit -- verify-bundle DATEI</code>.</p>
      {error ? <ProblemAlert error={error} /> : null}
    </div>
  );
}

/** The combined decision record: this instance and its linked procedures, interleaved in time. */
function DecisionRecord({ id }: { id: string }) {
  const record = useQuery({ queryKey: ['record', id], queryFn: () => unwrap(api.GET('/audit/instances/{id}/record', { params: { path: { id } } })) });
  return (
    <section aria-labelledby="record-heading" className="section">
      <h2 id="record-heading" className="kern-heading-medium">
        Gesamte Entscheidungsakte
      </h2>
      <QueryState query={record} loading="Entscheidungsakte wird geladen …">
        {(r) => {
          const linked = r.instances as unknown as { instanceId: string; workflowType: string; relation: string }[];
          return (
            <>
              <p className="kern-body">Verknüpfte Verfahren:</p>
              <ul className="kern-list" data-testid="linked">
                {linked.map((x) => (
                  <li key={x.instanceId}>
                    {x.instanceId === id ? (
                      <>{label(WORKFLOW_TYPE_LABEL, x.workflowType)} (dieser Vorgang)</>
                    ) : (
                      <Link to="/pruefung/$id" params={{ id: x.instanceId }} className="kern-link">
                        {label(WORKFLOW_TYPE_LABEL, x.workflowType)} {x.instanceId.slice(0, 8)}
                      </Link>
                    )}{' '}
                    – {x.relation}
                  </li>
                ))}
              </ul>
              <Disclosure summary={<span className="kern-body">Alle {r.steps.length} Schritte aller Verfahren in zeitlicher Folge</span>}>
                {() => <Timeline steps={r.steps} workflowType={(n) => label(WORKFLOW_TYPE_LABEL, r.steps[n]?.workflowType)} />}
              </Disclosure>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/**
 * A <details> whose content is drawn only once opened: the decision record alone holds every linked
 * procedure's events with their facts (hundreds of KB), which made the page slow to become usable.
 */
function Disclosure({ summary, children }: { summary: ReactNode; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? children() : null}
    </details>
  );
}
