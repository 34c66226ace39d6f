import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { api, unwrap, type Schemas } from '../../shared/api';
import { useServerNow } from '../../shared/clock';
import { countdown, formatDateTime } from '../../shared/dates';
import { Badge, Empty, Field, PageHeader, QueryState, Select } from '../../shared/ui';
import { label, WORKFLOW_TYPE_LABEL } from './labels';

type Deadline = Schemas['DeadlineRowDto'];

/** Where a deadline's procedure is shown in the console. */
function Subject({ d }: { d: Deadline }) {
  switch (d.workflowType) {
    case 'grant':
      return <Link to="/zuwendungen/$id" params={{ id: d.instanceId }} className="kern-link">{d.subject}</Link>;
    case 'selection':
      return <Link to="/auswahlverfahren/$id" params={{ id: d.instanceId }} className="kern-link">{d.subject}</Link>;
    case 'motion':
      return <Link to="/vorlagen/$id" params={{ id: d.instanceId }} className="kern-link">{d.subject}</Link>;
    case 'meeting':
      return <Link to="/sitzungen/$id" params={{ id: d.instanceId }} className="kern-link">{d.subject}</Link>;
  }
}

/** The deadlines dashboard: every pending deadline (proof of use, spend-by, call deadlines, tasks), soonest first. */
export function DeadlinesPage() {
  const now = useServerNow();
  const [days, setDays] = useState(90);
  const deadlines = useQuery({ queryKey: ['deadlines', days], queryFn: () => unwrap(api.GET('/deadlines', { params: { query: { days } } })), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title="Fristen" preline="Übersicht der anstehenden Fristen" />
      <div className="filters">
        <Field label="Zeitraum">
          {(p) => (
            <Select {...p} value={String(days)} onChange={(e) => setDays(Number(e.target.value))}>
              {[30, 90, 180, 366].map((d) => (
                <option key={d} value={d}>
                  die nächsten {d} Tage
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <QueryState query={deadlines} loading="Fristen werden geladen …">
        {(rows) =>
          rows.length === 0 ? (
            <Empty>In den nächsten {days} Tagen steht keine Frist an.</Empty>
          ) : (
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Fristen">
              <table className="kern-table kern-table--striped" data-testid="deadlines">
                <caption className="kern-sr-only">Anstehende Fristen, die nächste zuerst</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th className="kern-table__header" scope="col">Fällig</th>
                    <th className="kern-table__header" scope="col">Frist</th>
                    <th className="kern-table__header" scope="col">Verfahren</th>
                    <th className="kern-table__header" scope="col">Art</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {rows.map((d) => {
                    const overdue = new Date(d.dueAt).getTime() < now.getTime();
                    const soon = !overdue && new Date(d.dueAt).getTime() - now.getTime() < 14 * 86_400_000;
                    return (
                      <tr key={`${d.instanceId}-${d.name}`} className="kern-table__row">
                        <td className="kern-table__cell">
                          {formatDateTime(d.dueAt)}
                          <br />
                          {overdue ? <Badge tone="danger">{countdown(d.dueAt, now)}</Badge> : soon ? <Badge tone="warning">{countdown(d.dueAt, now)}</Badge> : <span className="kern-body kern-body--small">{countdown(d.dueAt, now)}</span>}
                        </td>
                        <td className="kern-table__cell">{d.label}</td>
                        <td className="kern-table__cell">
                          <Subject d={d} />
                        </td>
                        <td className="kern-table__cell">{label(WORKFLOW_TYPE_LABEL, d.workflowType)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
