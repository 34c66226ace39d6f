import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../shared/api';
import { CommandSteps } from '../../shared/command-form';
import { procedureQuery } from '../../shared/queries';
import { SELECTION_COMMAND_LABEL } from '../../shared/commands';
import { formatDateTime } from '../../shared/dates';
import { Badge, Empty, PageHeader, QueryState } from '../../shared/ui';
import { formatDecimal, formatWeight, PROCEDURE_STATE_LABEL, label } from './labels';
import { procedureRoute } from './routes';
import { selectionForms } from './selection-forms';

type Procedure = Schemas['ProcedureDto'];

/** One selection procedure: facts, next steps, declarations, scoring matrix, ranking, decision, coverage. */
export function ProcedurePage() {
  const { id } = procedureRoute.useParams();
  const procedure = useQuery(procedureQuery(id));
  return (
    <QueryState query={procedure} loading="Auswahlverfahren wird geladen …">
      {(p) => (
        <>
          <PageHeader title={p.title} preline={`Auswahlverfahren ${p.programme}, Baustein ${p.module}`} />
          <p className="status-line">
            <Badge tone={p.status === 'done' ? 'success' : 'info'}>{label(PROCEDURE_STATE_LABEL, p.state)}</Badge> {p.closeDue ? <Badge tone="warning">Frist abgelaufen, Abschluss fällig</Badge> : null}
          </p>
          <dl className="kern-description-list facts">
            <Fact term="Frist der Interessenbekundung">{formatDateTime(p.deadline)}</Fact>
            <Fact term="Veröffentlicht">{p.publishedAt ? formatDateTime(p.publishedAt) : 'noch nicht'}</Fact>
            <Fact term="Verfügbare Stellenanteile">{formatDecimal(p.fteAvailable)} VZÄ</Fact>
            <Fact term="Bewertende je Bekundung">{p.requiredEvaluators}, Punkte 0 bis {p.scaleMax}</Fact>
            {p.cancellation ? <Fact term="Aufgehoben">{`${formatDateTime(p.cancellation.at)}: ${p.cancellation.reason}`}</Fact> : null}
            {p.noSuitableDeclaration ? <Fact term="Ohne geeignete Bekundung beendet">{`${formatDateTime(p.noSuitableDeclaration.at)}: ${p.noSuitableDeclaration.reason}`}</Fact> : null}
          </dl>

          <section aria-labelledby="steps-heading" className="section">
            <h2 id="steps-heading" className="kern-heading-medium">
              Nächste Schritte
            </h2>
            <CommandSteps steps={p.nextSteps} labels={SELECTION_COMMAND_LABEL} forms={selectionForms(p)} etag={`"${p.version}"`} invalidate={[['procedure', id], ['procedures'], ['ranking', id], ['coverage', id]]} />
          </section>

          <Declarations procedure={p} />
          <Ranking id={id} />
          <Decision procedure={p} />
          <Coverage id={id} />
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

/** Interest declarations; a late one is kept on file but excluded from the evaluation. */
function Declarations({ procedure: p }: { procedure: Procedure }) {
  return (
    <section aria-labelledby="declarations-heading" className="section">
      <h2 id="declarations-heading" className="kern-heading-medium">
        Interessenbekundungen
      </h2>
      {p.declarations.length === 0 ? (
        <Empty>Noch keine Interessenbekundung eingegangen.</Empty>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Interessenbekundungen">
          <table className="kern-table kern-table--striped">
            <caption className="kern-sr-only">Interessenbekundungen mit Eingang und Zulassung</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="col">Träger</th>
                <th className="kern-table__header" scope="col">Eingang</th>
                <th className="kern-table__header" scope="col">Kommunen</th>
                <th className="kern-table__header" scope="col">Zulassung</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {p.declarations.map((d) => (
                <tr key={d.declarationId} className="kern-table__row" data-late={d.late || undefined}>
                  <th className="kern-table__header" scope="row">
                    {d.providerName}
                  </th>
                  <td className="kern-table__cell">
                    {formatDateTime(d.receivedAt)} {d.late ? <Badge tone="danger">verspätet</Badge> : null}
                  </td>
                  <td className="kern-table__cell">{d.municipalities.join(', ') || '–'}</td>
                  <td className="kern-table__cell">{d.admitted ? <Badge tone="success">zugelassen</Badge> : <Badge tone="warning">ausgeschlossen</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The scoring matrix (mean points and weighted result per criterion) and the ranking with its ties. */
function Ranking({ id }: { id: string }) {
  const ranking = useQuery({ queryKey: ['ranking', id], queryFn: () => unwrap(api.GET('/selection/procedures/{id}/ranking', { params: { path: { id } } })) });
  return (
    <section aria-labelledby="ranking-heading" className="section">
      <h2 id="ranking-heading" className="kern-heading-medium">
        Bewertungsmatrix und Rangfolge
      </h2>
      <QueryState query={ranking} loading="Bewertung wird geladen …">
        {(r) =>
          r.rows.length === 0 ? (
            <Empty>Noch keine zugelassene Bekundung bewertet.</Empty>
          ) : (
            <>
              <p className="kern-body">
                Je Kriterium: Mittelwert der Punkte (0 bis {r.scaleMax}) aus den Bewertungen, gewichtet zum Ergebnis. Vollständig bewertet ist eine Bekundung mit {r.requiredEvaluators} Bewertungen je Kriterium.
              </p>
              <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Bewertungsmatrix">
                <table className="kern-table" data-testid="scoring-matrix">
                  <caption className="kern-sr-only">Bewertungsmatrix: Rang, Träger, Punkte je Kriterium mit Gewicht, Gesamtergebnis</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th className="kern-table__header" scope="col">Rang</th>
                      <th className="kern-table__header" scope="col">Träger</th>
                      {r.criteria.map((c) => (
                        <th key={c.key} className="kern-table__header" scope="col">
                          {c.name} <span className="kern-body kern-body--small">(Gewicht {formatWeight(c.weight)})</span>
                        </th>
                      ))}
                      <th className="kern-table__header" scope="col">Ergebnis</th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {r.rows.map((row) => (
                      <tr key={row.declarationId} className="kern-table__row">
                        <td className="kern-table__cell">
                          {row.rank}. {row.tied ? <Badge tone="warning">gleichauf</Badge> : null}
                        </td>
                        <th className="kern-table__header" scope="row">
                          {row.providerName} {row.complete ? null : <Badge tone="info">unvollständig bewertet</Badge>}
                        </th>
                        {r.criteria.map((c) => {
                          const cell = row.perCriterion.find((k) => k.criterionKey === c.key);
                          return (
                            <td key={c.key} className="kern-table__cell">
                              {cell && cell.mean !== null ? (
                                <>
                                  Ø {formatDecimal(cell.mean)} → {formatDecimal(cell.weighted)}
                                  <br />
                                  <span className="kern-body kern-body--small">{cell.evaluations} Bewertung{cell.evaluations === 1 ? '' : 'en'}</span>
                                </>
                              ) : (
                                'noch nicht bewertet'
                              )}
                            </td>
                          );
                        })}
                        <td className="kern-table__cell">
                          <strong>{formatDecimal(row.total)}</strong>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </QueryState>
    </section>
  );
}

/** The selection decision: who was selected, the deviation from the ranking and its reason, the FTE allocation. */
function Decision({ procedure: p }: { procedure: Procedure }) {
  const s = p.selection;
  return (
    <section aria-labelledby="decision-heading" className="section">
      <h2 id="decision-heading" className="kern-heading-medium">
        Auswahlentscheidung
      </h2>
      {!s ? (
        <Empty>Die Auswahl ist noch nicht entschieden.</Empty>
      ) : (
        <>
          <dl className="kern-description-list facts">
            <Fact term="Entschieden">{formatDateTime(s.decidedAt)}</Fact>
            <Fact term="Ausgewählt">{s.selected.map((x) => x.providerName).join(', ')}</Fact>
            <Fact term="Abweichung von der Rangfolge">{s.deviates ? <span data-testid="deviation">Ja – Begründung: {s.deviationReason}</span> : 'Nein, die Auswahl folgt der Rangfolge.'}</Fact>
            {s.pilotMunicipalities ? <Fact term="Pilotkommunen">{s.pilotMunicipalities.join(', ')}</Fact> : null}
          </dl>
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Aufteilung der Stellenanteile">
            <table className="kern-table kern-table--striped">
              <caption className="kern-sr-only">Aufteilung der Stellenanteile (VZÄ) nach Träger und Kommune</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th className="kern-table__header" scope="col">Träger</th>
                  <th className="kern-table__header" scope="col">Kommune</th>
                  <th className="kern-table__header" scope="col">VZÄ</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {s.allocation.map((a) => (
                  <tr key={`${a.providerId}-${a.municipality}`} className="kern-table__row">
                    <td className="kern-table__cell">{a.providerName}</td>
                    <td className="kern-table__cell">{a.municipality}</td>
                    <td className="kern-table__cell">{formatDecimal(a.fte)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Which of the municipalities the allocation covers, as a grid (one tile per municipality). */
function Coverage({ id }: { id: string }) {
  const coverage = useQuery({ queryKey: ['coverage', id], queryFn: () => unwrap(api.GET('/selection/procedures/{id}/coverage', { params: { path: { id } } })) });
  return (
    <section aria-labelledby="coverage-heading" className="section">
      <h2 id="coverage-heading" className="kern-heading-medium">
        Versorgung der Kommunen
      </h2>
      <QueryState query={coverage} loading="Versorgung wird geladen …">
        {(c) => {
          const covered = c.municipalities.filter((m) => m.covered).length;
          return (
            <>
              <p className="kern-body">
                {c.decided ? `${covered} von ${c.municipalities.length} Kommunen versorgt; ${formatDecimal(c.fteAllocated)} von ${formatDecimal(c.fteAvailable)} VZÄ verteilt.` : `Noch keine Auswahl: ${c.municipalities.length} Kommunen, ${formatDecimal(c.fteAvailable)} VZÄ verfügbar.`}
              </p>
              <ul className="coverage-grid" aria-label="Kommunen" data-testid="coverage-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))', gap: '0.5rem', listStyle: 'none', padding: 0 }}>
                {c.municipalities.map((m) => {
                  const pilot = c.pilotMunicipalities?.includes(m.municipality);
                  return (
                    <li key={m.municipality} className={`kern-card coverage-tile${m.covered ? ' coverage-tile--covered' : ''}`} style={{ borderLeft: `0.4rem solid ${m.covered ? '#1b7a3a' : '#b3261e'}`, padding: '0.5rem 0.75rem' }}>
                      <p className="kern-body">
                        <strong>{m.municipality}</strong> {pilot ? <Badge tone="info">Pilot</Badge> : null}
                      </p>
                      <p className="kern-body kern-body--small">
                        {m.covered ? `versorgt, ${formatDecimal(m.fte)} VZÄ: ${m.providers.map((x) => `${x.providerName} (${formatDecimal(x.fte)})`).join(', ')}` : 'nicht versorgt'}
                      </p>
                    </li>
                  );
                })}
              </ul>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
