import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../shared/api';
import { formatDateTime } from '../../shared/dates';
import { Badge, Empty, PageHeader, Pagination, QueryState } from '../../shared/ui';
import { PROCEDURE_STATE_LABEL, label } from './labels';
import { proceduresRoute } from './routes';

const PAGE_SIZE = 20;

/** Selection procedures (Auswahlverfahren) of the Körperschaft, newest first, paginated. */
export function ProceduresList() {
  const search = proceduresRoute.useSearch();
  const navigate = useNavigate({ from: '/auswahlverfahren' });
  const page = search.page ?? 1;
  const procedures = useQuery({
    queryKey: ['procedures', page],
    queryFn: () => unwrap(api.GET('/selection/procedures', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Auswahlverfahren" preline="Geschäftsführende Stelle" />
      <QueryState query={procedures} loading="Auswahlverfahren werden geladen …">
        {(result) =>
          result.items.length === 0 ? (
            <Empty>Es gibt noch kein Auswahlverfahren.</Empty>
          ) : (
            <>
              <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Auswahlverfahren">
                <table className="kern-table kern-table--striped">
                  <caption className="kern-sr-only">Auswahlverfahren, Seite {result.page}</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th className="kern-table__header" scope="col">Verfahren</th>
                      <th className="kern-table__header" scope="col">Programm / Baustein</th>
                      <th className="kern-table__header" scope="col">Frist der Interessenbekundung</th>
                      <th className="kern-table__header" scope="col">Stand</th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {result.items.map((p) => (
                      <tr key={p.id} className="kern-table__row">
                        <td className="kern-table__cell">
                          <Link to="/auswahlverfahren/$id" params={{ id: p.id }} className="kern-link">
                            {p.title}
                          </Link>
                        </td>
                        <td className="kern-table__cell">
                          {p.programme} / Baustein {p.module}
                        </td>
                        <td className="kern-table__cell">{formatDateTime(p.deadline)}</td>
                        <td className="kern-table__cell">
                          <Badge tone={['done', 'committeeInformed', 'selected'].includes(p.state) ? 'success' : ['cancelled', 'noSuitableDeclaration'].includes(p.state) ? 'warning' : 'info'}>{label(PROCEDURE_STATE_LABEL, p.state)}</Badge>
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
    </>
  );
}
