import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Schemas } from '../../shared/api';
import { CommandSteps } from '../../shared/command-form';
import { grantQuery } from '../../shared/queries';
import { GRANT_COMMAND_LABEL } from '../../shared/commands';
import { formatDate, formatDateTime } from '../../shared/dates';
import { Badge, Empty, PageHeader, QueryState } from '../../shared/ui';
import { grantForms } from './grant-forms';
import { formatEuro, GRANT_STATE_LABEL, label } from './labels';
import { grantRoute } from './routes';

type Grant = Schemas['GrantDto'];

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="section">
      <h2 id={`${id}-heading`} className="kern-heading-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One grant: facts, next steps (approval notice and contract with their own forms), financing, approval, contracts, deadlines. */
export function GrantPage() {
  const { id } = grantRoute.useParams();
  const grant = useQuery(grantQuery(id));
  return (
    <QueryState query={grant} loading="Zuwendung wird geladen …">
      {(g) => (
        <>
          <PageHeader title={`${g.programme}: Bausteine ${g.modules.join(', ')}`} preline={`Zuwendung – ${g.grantingAuthority}`} />
          <p className="status-line">
            <Badge tone={g.state === 'closed' ? 'success' : ['rejected', 'withdrawn'].includes(g.state) ? 'warning' : 'info'}>{label(GRANT_STATE_LABEL, g.state)}</Badge> {g.endangered ? <Badge tone="danger">Förderung gefährdet</Badge> : null}
          </p>
          <dl className="kern-description-list facts">
            <Fact term="Beantragt">{formatEuro(g.requested)}</Fact>
            <Fact term="Zuwendungsfähige Kosten">{formatEuro(g.eligibleCost)}</Fact>
            <Fact term="Förderzeitraum">
              {formatDate(g.fundingPeriod.from)} bis {formatDate(g.fundingPeriod.to)}
            </Fact>
            <Fact term="Eingereicht">{g.submittedAt ? formatDateTime(g.submittedAt) : 'noch nicht'}</Fact>
            <Fact term="Weitergeleitet (Verträge)">{formatEuro(g.contracted)}</Fact>
            {g.rejection ? <Fact term="Abgelehnt">{g.rejection.reason}</Fact> : null}
            {g.withdrawal ? <Fact term="Zurückgezogen">{g.withdrawal.reason}</Fact> : null}
          </dl>
          {g.endangerments.length ? (
            <div className="kern-alert kern-alert--warning" role="status">
              <div className="kern-alert__header">
                <span className="kern-icon kern-icon--warning" aria-hidden="true" />
                <span className="kern-title">Förderung gefährdet</span>
              </div>
              <div className="kern-alert__body">
                <ul className="kern-list">
                  {g.endangerments.map((e) => (
                    <li key={`${e.providerId}-${e.module}`}>
                      Baustein {e.module}, {e.providerId}: Maßnahmebeginn {formatDate(e.startedAt)} – {e.reason} <code className="problem-code">{e.code}</code>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}

          <Section id="steps" title="Nächste Schritte">
            <CommandSteps steps={g.nextSteps} labels={GRANT_COMMAND_LABEL} forms={grantForms(g)} etag={`"${g.version}"`} invalidate={[['grant', id], ['grants'], ['deadlines']]} />
          </Section>

          <Section id="approval" title="Bewilligungsbescheid">
            <Approval grant={g} />
          </Section>
          <Section id="financing" title="Finanzierung und Kofinanzierung">
            <Financing grant={g} />
          </Section>
          <Section id="contracts" title="Weiterleitungsverträge">
            <Contracts grant={g} />
          </Section>
          <Section id="grant-deadlines" title="Fristen dieser Zuwendung">
            {g.deadlines.length === 0 ? (
              <Empty>Keine Frist gesetzt.</Empty>
            ) : (
              <ul className="kern-list">
                {g.deadlines.map((d) => (
                  <li key={d.name}>
                    {d.label}: {formatDate(d.dueDate)} {d.overdue ? <Badge tone="danger">überschritten</Badge> : d.status === 'reached' ? <Badge tone="success">erreicht</Badge> : d.status === 'cancelled' ? <Badge tone="info">entfallen</Badge> : <Badge tone="warning">offen</Badge>}
                    {d.note ? <> – {d.note}</> : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </QueryState>
  );
}

function Approval({ grant: g }: { grant: Grant }) {
  const a = g.approval;
  if (!a) return <Empty>Der Bewilligungsbescheid liegt noch nicht vor.</Empty>;
  return (
    <dl className="kern-description-list facts" data-testid="approval">
      <Fact term="Aktenzeichen">{a.fileNumber}</Fact>
      <Fact term="Datum">{formatDate(a.date)}</Fact>
      <Fact term="Bewilligter Betrag">{formatEuro(a.approvedAmount)}</Fact>
      <Fact term="Bewilligungszeitraum">
        {formatDate(a.period.from)} bis {formatDate(a.period.to)}
      </Fact>
      <Fact term="Verwendungsnachweis fällig">{a.proofOfUseDue ? formatDate(a.proofOfUseDue) : '–'}</Fact>
      <Fact term="Nebenbestimmungen">{a.conditions.length ? a.conditions.join('; ') : 'keine'}</Fact>
    </dl>
  );
}

/** Per budget source and year: total cost, state share, own share (co-financing), spent, remaining. */
function Financing({ grant: g }: { grant: Grant }) {
  if (g.financing.length === 0) return <Empty>Noch keine Finanzierung erfasst.</Empty>;
  return (
    <>
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Finanzierung">
        <table className="kern-table kern-table--striped" data-testid="financing">
          <caption className="kern-sr-only">Finanzierung je Haushaltsquelle und Jahr</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">Haushaltsquelle</th>
              <th className="kern-table__header" scope="col">Jahr</th>
              <th className="kern-table__header" scope="col">Gesamtkosten</th>
              <th className="kern-table__header" scope="col">Landesanteil</th>
              <th className="kern-table__header" scope="col">Eigenanteil</th>
              <th className="kern-table__header" scope="col">Verausgabt</th>
              <th className="kern-table__header" scope="col">Verbleibend</th>
              <th className="kern-table__header" scope="col">Haushaltsbeschluss</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {g.financing.map((f) => (
              <tr key={`${f.sourceKey}-${f.year}`} className="kern-table__row">
                <th className="kern-table__header" scope="row">
                  {f.sourceName}
                  <br />
                  <span className="kern-body kern-body--small">zu verausgaben bis {formatDate(f.spendBy)}</span>
                </th>
                <td className="kern-table__cell">{f.year}</td>
                <td className="kern-table__cell">{formatEuro(f.totalCost)}</td>
                <td className="kern-table__cell">{formatEuro(f.stateShare)}</td>
                <td className="kern-table__cell">{formatEuro(f.ownShare)}</td>
                <td className="kern-table__cell">{formatEuro(f.spent)}</td>
                <td className="kern-table__cell">{formatEuro(f.remaining)}</td>
                <td className="kern-table__cell">
                  {f.budgetDecisionRef ? `${f.budgetDecisionRef}${f.budgetDecisionSource === 'motion' ? ' (Vorlage)' : ''}` : f.conditional ? <Badge tone="warning">vorbehaltlich</Badge> : '–'}
                  {f.blocked ? <> <Badge tone="danger">gesperrt</Badge></> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {g.budgetAdoptions.length ? (
        <p className="kern-body kern-body--small">
          Haushaltsbeschlüsse: {g.budgetAdoptions.map((b) => `${b.year}: ${b.ref} (erfasst ${formatDate(b.recordedAt)})`).join('; ')}
        </p>
      ) : null}
    </>
  );
}

function Contracts({ grant: g }: { grant: Grant }) {
  if (g.contracts.length === 0) return <Empty>Noch kein Weiterleitungsvertrag geschlossen.</Empty>;
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Weiterleitungsverträge">
      <table className="kern-table kern-table--striped" data-testid="contracts">
        <caption className="kern-sr-only">Weiterleitungsverträge</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th className="kern-table__header" scope="col">Vertrag</th>
            <th className="kern-table__header" scope="col">Träger</th>
            <th className="kern-table__header" scope="col">Baustein</th>
            <th className="kern-table__header" scope="col">Betrag</th>
            <th className="kern-table__header" scope="col">Laufzeit</th>
            <th className="kern-table__header" scope="col">Geschlossen</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {g.contracts.map((c) => (
            <tr key={c.contractId} className="kern-table__row">
              <td className="kern-table__cell">{c.contractId}</td>
              <td className="kern-table__cell">{c.providerName}</td>
              <td className="kern-table__cell">{c.module}</td>
              <td className="kern-table__cell">{formatEuro(c.amount)}</td>
              <td className="kern-table__cell">
                {formatDate(c.period.from)} bis {formatDate(c.period.to)}
              </td>
              <td className="kern-table__cell">
                {formatDate(c.concludedOn)}
                {c.basis === 'earlyStart' ? ' (vorzeitiger Beginn)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
