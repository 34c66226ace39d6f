import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../shared/api';
import type { paths } from '../../shared/api-schema';
import { BodyOptions, useBodies } from '../../shared/council';
import { formatDateTime } from '../../shared/dates';
import { MOTION_STATUS_LABEL, label } from '../../shared/labels';
import { Badge, Empty, Field, PageHeader, Pagination, QueryState, Select } from '../../shared/ui';
import { NewMotion } from './new-motion';
import { motionsRoute, type MotionsSearch } from './routes';

const PAGE_SIZE = 20;
type Status = NonNullable<NonNullable<paths['/motions']['get']['parameters']['query']>['status']>[number];

/** Motions: search by reference or title, filter by state and body, page through. */
export function MotionsList() {
  const search = motionsRoute.useSearch();
  const navigate = useNavigate({ from: '/vorlagen' });
  const bodies = useBodies();
  const [q, setQ] = useState(search.q ?? '');
  const page = search.page ?? 1;
  const motions = useQuery({
    queryKey: ['motions', search],
    queryFn: () =>
      unwrap(
        api.GET('/motions', {
          params: { query: { page, pageSize: PAGE_SIZE, ...(search.q ? { q: search.q } : {}), ...(search.status ? { status: [search.status as Status] } : {}), ...(search.bodyId ? { bodyId: search.bodyId } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const go = (next: MotionsSearch) => void navigate({ search: next });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...search, q: q.trim() || undefined, page: undefined });
  };

  return (
    <>
      <PageHeader title="Vorlagen" preline="Sitzungsdienst" />
      <form className="filters" role="search" aria-label="Vorlagen suchen" onSubmit={submit}>
        <Field label="Aktenzeichen oder Titel">{(p) => <input {...p} className="kern-form-input__input" type="search" value={q} onChange={(e) => setQ(e.target.value)} />}</Field>
        <Field label="Stand">
          {(p) => (
            <Select {...p} value={search.status ?? ''} onChange={(e) => go({ ...search, status: e.target.value || undefined, page: undefined })}>
                <option value="">Alle</option>
                {Object.entries(MOTION_STATUS_LABEL).map(([code, text]) => (
                  <option key={code} value={code}>
                    {text}
                  </option>
                ))}
              </Select>
          )}
        </Field>
        <Field label="Gremium (Beratungsfolge)">
          {(p) => (
            <Select {...p} value={search.bodyId ?? ''} onChange={(e) => go({ ...search, bodyId: e.target.value || undefined, page: undefined })}>
                <option value="">Alle</option>
                <BodyOptions bodies={bodies} />
              </Select>
          )}
        </Field>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-icon kern-icon--search" aria-hidden="true" />
          <span className="kern-label">Suchen</span>
        </button>
      </form>
      <QueryState query={motions} loading="Vorlagen werden geladen …">
        {(result) =>
          result.items.length === 0 ? (
            <Empty>Keine Vorlage passt zu dieser Suche.</Empty>
          ) : (
            <>
              <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Vorlagen">
                <table className="kern-table kern-table--striped">
                  <caption className="kern-sr-only">Vorlagen, Seite {result.page}</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th className="kern-table__header" scope="col">Aktenzeichen</th>
                      <th className="kern-table__header" scope="col">Titel</th>
                      <th className="kern-table__header" scope="col">Stand</th>
                      <th className="kern-table__header" scope="col">Derzeit bei</th>
                      <th className="kern-table__header" scope="col">Entscheidet</th>
                      <th className="kern-table__header" scope="col">Geändert</th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {result.items.map((m) => (
                      <tr className="kern-table__row" key={m.id}>
                        <td className="kern-table__cell">
                          <Link to="/vorlagen/$id" params={{ id: m.id }} className="kern-link">
                            {m.reference}
                          </Link>
                        </td>
                        <td className="kern-table__cell">{m.title}</td>
                        <td className="kern-table__cell">
                          <Badge>{label(MOTION_STATUS_LABEL, m.status)}</Badge>
                        </td>
                        <td className="kern-table__cell">{m.currentBodyName ?? '–'}</td>
                        <td className="kern-table__cell">{m.decidingBodyName ?? '–'}</td>
                        <td className="kern-table__cell">{formatDateTime(m.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={result.page} pageSize={result.pageSize} total={result.total} onPage={(p) => go({ ...search, page: p > 1 ? p : undefined })} />
            </>
          )
        }
      </QueryState>
      <NewMotion />
    </>
  );
}
