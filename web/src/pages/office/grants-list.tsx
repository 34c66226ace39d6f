import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../shared/api';
import { formatDate } from '../../shared/dates';
import { Badge, Empty, PageHeader, Pagination, QueryState } from '../../shared/ui';
import { formatEuro, GRANT_STATE_LABEL, label } from './labels';
import { grantsRoute } from './routes';

const PAGE_SIZE = 20;

/** Grant procedures (Zuwendungen), paginated, and the budget sources they are financed from. */
export function GrantsList() {
  const search = grantsRoute.useSearch();
  const navigate = useNavigate({ from: '/zuwendungen' });
  const page = search.page ?? 1;
  const grants = useQuery({
    queryKey: ['grants', page],
    queryFn: () => unwrap(api.GET('/grants', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const sources = useQuery({ queryKey: ['budget-sources'], queryFn: () => unwrap(api.GET('/budget-sources')) });
  return (
    <>
      <PageHeader title="Zuwendungen" preline="Geschäftsführende Stelle" />
      <QueryState query={grants} loading="Zuwendungen werden geladen …">
        {(result) =>
          result.items.length === 0 ? (
            <Empty>Es gibt noch kein Zuwendungsverfahren.</Empty>
          ) : (
            <>
              <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Zuwendungsverfahren">
                <table className="kern-table kern-table--striped">
                  <caption className="kern-sr-only">Zuwendungsverfahren, Seite {result.page}</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th className="kern-table__header" scope="col">Programm</th>
                      <th className="kern-table__header" scope="col">Zuwendungsgeber</th>
                      <th className="kern-table__header" scope="col">Beantragt</th>
                      <th className="kern-table__header" scope="col">Bewilligt</th>
                      <th className="kern-table__header" scope="col">Weitergeleitet</th>
                      <th className="kern-table__header" scope="col">Stand</th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {result.items.map((g) => (
                      <tr key={g.id} className="kern-table__row">
                        <td className="kern-table__cell">
                          <Link to="/zuwendungen/$id" params={{ id: g.id }} className="kern-link">
                            {g.programme} (Bausteine {g.modules.join(', ')})
                          </Link>
                        </td>
                        <td className="kern-table__cell">{g.grantingAuthority}</td>
                        <td className="kern-table__cell">{formatEuro(g.requested)}</td>
                        <td className="kern-table__cell">{g.approved ? formatEuro(g.approved) : 'noch nicht'}</td>
                        <td className="kern-table__cell">{formatEuro(g.contracted)}</td>
                        <td className="kern-table__cell">
                          <Badge tone={g.state === 'closed' ? 'success' : ['rejected', 'withdrawn'].includes(g.state) ? 'warning' : 'info'}>{label(GRANT_STATE_LABEL, g.state)}</Badge> {g.endangered ? <Badge tone="danger">Förderung gefährdet</Badge> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={result.page} pageSize={result.pageSize} total={result.total} onPage={(next) => void navigate({ search: { page: next > 1 ? next : undefined } })} />
            </>
          )
        }
      </QueryState>

      <section aria-labelledby="sources-heading" className="section">
        <h2 id="sources-heading" className="kern-heading-medium">
          Haushaltsquellen
        </h2>
        <QueryState query={sources} loading="Haushaltsquellen werden geladen …">
          {(list) =>
            list.length === 0 ? (
              <Empty>Keine Haushaltsquelle erfasst.</Empty>
            ) : (
              <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Haushaltsquellen">
                <table className="kern-table kern-table--striped">
                  <caption className="kern-sr-only">Haushaltsquellen mit Rechtsgrundlage und Verausgabungsfrist</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th className="kern-table__header" scope="col">Quelle</th>
                      <th className="kern-table__header" scope="col">Rechtsgrundlage</th>
                      <th className="kern-table__header" scope="col">Jahre</th>
                      <th className="kern-table__header" scope="col">Zu verausgaben bis</th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {list.map((s) => (
                      <tr key={s.key} className="kern-table__row">
                        <td className="kern-table__cell">
                          {s.name} <code>{s.key}</code>
                        </td>
                        <td className="kern-table__cell">{s.legalBasis ?? '–'}</td>
                        <td className="kern-table__cell">{s.years.map((y) => y.year).join(', ')}</td>
                        <td className="kern-table__cell">{formatDate(s.spendBy)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
