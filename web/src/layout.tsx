import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { auditNav } from './pages/audit/nav';
import { clerkNav } from './pages/clerk/nav';
import { meetingsNav } from './pages/meetings/nav';
import { officeNav } from './pages/office/nav';
import { OidcCallback, SignIn, signOut } from './pages/sign-in/sign-in';
import { useMe, useSession, useSignInOptions } from './shared/auth';
import { ROLE_LABEL, label } from './shared/labels';
import { ProblemAlert } from './shared/problem';
import { Loading } from './shared/ui';

const NAV = [...clerkNav, ...meetingsNav, ...officeNav, ...auditNav];

/** Header with who is signed in (role, Körperschaft), the navigation of the user's role, and the page. */
export function Layout() {
  const session = useSession();
  const me = useMe();
  const oidc = useSignInOptions().data?.oidc;
  const path = useRouterState({ select: (s) => s.location.pathname });
  const role = me.data?.role;
  const nav = role ? NAV.filter((n) => role === 'admin' || n.roles.includes(role)) : [];

  let content;
  if (path.endsWith('/anmelden/rueckkehr')) content = <OidcCallback />;
  else if (!session) content = <SignIn />;
  else if (me.error) content = <ProblemAlert error={me.error} title="Anmeldung nicht möglich" />;
  else if (me.isPending) content = <Loading label="Anmeldung wird geprüft …" />;
  else content = <Outlet />;

  return (
    <>
      <a className="skip-link kern-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header className="app-header">
        <div className="kern-container app-header__bar">
          <Link to="/" className="app-header__brand">
            Beschlussweg
          </Link>
          {session && me.data ? (
            <div className="app-header__user">
              <span className="kern-body kern-body--small" data-testid="signed-in-as">
                <strong>{session.name}</strong> · {label(ROLE_LABEL, me.data.role)} · {me.data.tenantName}
              </span>
              <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => signOut(session, oidc)}>
                <span className="kern-icon kern-icon--logout" aria-hidden="true" />
                <span className="kern-label">Abmelden</span>
              </button>
            </div>
          ) : null}
        </div>
        {nav.length ? (
          <nav className="kern-container app-nav" aria-label="Hauptnavigation">
            <ul>
              {nav.map((n) => (
                <li key={n.to}>
                  <Link to={n.to} className="kern-link" activeProps={{ 'aria-current': 'page' }}>
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="inhalt" className="kern-container app-main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}
