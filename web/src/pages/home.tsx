import { Link } from '@tanstack/react-router';
import { useMe } from '../shared/auth';
import { ROLE_LABEL, label } from '../shared/labels';
import { PageHeader } from '../shared/ui';

/** The start page: where each role begins. */
export function HomePage() {
  const me = useMe();
  const role = me.data?.role ?? '';
  const clerkish = ['clerk', 'auditor', 'admin'].includes(role);
  return (
    <>
      <PageHeader title="Übersicht" preline={label(ROLE_LABEL, role)} />
      <p className="kern-body">Beschlussweg führt Sitzungsvorlagen durch die Beratungsfolge, Auswahlverfahren und Zuwendungen – jeder Schritt prüfbar protokolliert.</p>
      {clerkish ? (
        <ul className="kern-list">
          <li>
            <Link to="/vorlagen" className="kern-link">
              Vorlagen
            </Link>{' '}
            – suchen, beraten, beschließen
          </li>
          <li>
            <Link to="/sitzungen" className="kern-link">
              Sitzungen
            </Link>{' '}
            – Kalender je Gremium, Tagesordnung, Einladung, Anwesenheit und Abstimmungen
          </li>
        </ul>
      ) : null}
    </>
  );
}
