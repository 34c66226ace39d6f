import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../shared/api';
import { formatDateTime } from '../../shared/dates';
import { Empty, Field, PageHeader, Pagination, QueryState, Select } from '../../shared/ui';
import { label, WORKFLOW_TYPE_LABEL } from '../office/labels';
import { auditListRoute } from './routes';
import { stateName } from './state';
import { VerifyButton } from './verify';

const PAGE_SIZE = 20;

/** Every instance of the Körperschaft (newest first, by type), and the verification of all of them. */
export function AuditInstances() {
  const search = auditListRoute.useSearch();
  const navigate = useNavigate({ from: '/pruefung' });
  const page = search.page ?? 1;
  const instances = useQuery({
    queryKey: ['instances', search],
    queryFn: () => unwrap(api.GET('/instances', { params: { query: { page, pageSize: PAGE_SIZE, ...(search.type ? { type: search.type } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Prüfung" preline="Rechnungsprüfung" />
      <section aria-labelledby="verify-all-heading" className="section">
        <h2 id="verify-all-heading" className="kern-heading-medium">
          Alle Vorgänge prüfen
        </h2>
        <p className="kern-body">Prüft Reihenfolge und Hash-Kette jedes Vorgangs, wiederholt jeden Vorgang aus seinen Ereignissen und gleicht das Protokoll mit den signierten Prüfpunkten ab.</p>
        <VerifyButton label="Alle Vorgänge prüfen" />
      </section>
      <section aria-labelledby="instances-heading" className="section">
        <h2 id="instances-heading" className="kern-heading-medium">
          Vorgänge
        </h2>
        <div className="filters">
          <Field label="Art des Vorgangs">
            {(p) => (
              <Select {...p} value={search.type ?? ''} onChange={(e) => void navigate({ search: { type: e.target.value || undefined } })}>
                <option value="">Alle</option>
                {Object.entries(WORKFLOW_TYPE_LABEL).map(([code, text]) => (
                  <option key={code} value={code}>
                    {text}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <QueryState query={instances} loading="Vorgänge werden geladen …">
          {(result) =>
            result.items.length === 0 ? (
              <Empty>Kein Vorgang dieser Art.</Empty>
            ) : (
              <>
                <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Vorgänge">
                  <table className="kern-table kern-table--striped">
                    <caption className="kern-sr-only">Vorgänge, Seite {result.page}</caption>
                    <thead className="kern-table__head">
                      <tr className="kern-table__row">
                        <th className="kern-table__header" scope="col">Vorgang</th>
                        <th className="kern-table__header" scope="col">Art</th>
                        <th className="kern-table__header" scope="col">Stand</th>
                        <th className="kern-table__header" scope="col">Zuletzt geändert</th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {result.items.map((i) => (
                        <tr key={i.id} className="kern-table__row">
                          <td className="kern-table__cell">
                            <Link to="/pruefung/$id" params={{ id: i.id }} className="kern-link">
                              {i.title || i.id}
                            </Link>
                          </td>
                          <td className="kern-table__cell">{label(WORKFLOW_TYPE_LABEL, i.workflowType)}</td>
                          <td className="kern-table__cell">
                            <code>{stateName(i.state)}</code>
                          </td>
                          <td className="kern-table__cell">{formatDateTime(i.updatedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination page={result.page} pageSize={result.pageSize} total={result.total} onPage={(next) => void navigate({ search: { ...search, page: next > 1 ? next : undefined } })} />
              </>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
