import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useSignInOptions } from '../../shared/auth';
import { ROLE_LABEL, label } from '../../shared/labels';
import { ProblemAlert } from '../../shared/problem';
import type { Schemas } from '../../shared/api';
import { setSession, type Session } from '../../shared/session';
import { Loading, PageHeader, QueryState } from '../../shared/ui';

/** Demo users with one click on the embedded database; the organisation's sign-in when OIDC is configured. */
export function SignIn() {
  const options = useSignInOptions();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <PageHeader title="Anmeldung" preline="Beschlussweg" />
      {error ? <ProblemAlert error={error} title="Anmeldung fehlgeschlagen" /> : null}
      <QueryState query={options} loading="Anmeldeoptionen werden geladen …">
        {({ demoUsers, oidc }) => (
          <div className="kern-stack">
            {oidc ? (
              <section aria-labelledby="oidc-heading" className="kern-card">
                <div className="kern-card__container">
                  <h2 id="oidc-heading" className="kern-heading-medium">
                    Mit dem Dienstkonto anmelden
                  </h2>
                  <p className="kern-body">Sie werden zur Anmeldeseite Ihrer Verwaltung weitergeleitet ({oidc.issuer}).</p>
                  <button
                    type="button"
                    className="kern-btn kern-btn--primary"
                    onClick={() => {
                      import('./oidc')
                        .then(({ userManager }) => userManager(oidc).signinRedirect())
                        .catch((e: unknown) => setError(e));
                    }}
                  >
                    <span className="kern-label">Anmelden</span>
                  </button>
                </div>
              </section>
            ) : null}
            {demoUsers.length ? (
              <section aria-labelledby="demo-heading">
                <h2 id="demo-heading" className="kern-heading-medium">
                  Demo-Zugänge
                </h2>
                <p className="kern-body">Nur auf der eingebetteten Entwicklungsdatenbank: ein Klick meldet Sie mit der jeweiligen Rolle an.</p>
                <ul className="demo-users">
                  {demoUsers.map((u) => (
                    <li key={u.role}>
                      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setSession({ token: u.token, via: 'demo', name: u.name, tenantName: u.tenantName })}>
                        <span className="kern-label">
                          {label(ROLE_LABEL, u.role)} ({u.tenantName})
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {!oidc && !demoUsers.length ? (
              <p className="kern-body">
                Für diese Installation ist keine Anmeldung eingerichtet. Die Verwaltung setzt <code>OIDC_ISSUER</code>, <code>OIDC_AUDIENCE</code> und <code>OIDC_CONSOLE_CLIENT_ID</code>.
              </p>
            ) : null}
          </div>
        )}
      </QueryState>
    </>
  );
}

/** The issuer sends the browser back here with the authorization code; PKCE finishes the exchange. */
export function OidcCallback() {
  const options = useSignInOptions();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const oidc = options.data?.oidc;
  useEffect(() => {
    if (!oidc) return;
    import('./oidc')
      .then(({ userManager }) => userManager(oidc).signinRedirectCallback())
      .then((user) => {
        const profile = user.profile;
        setSession({ token: user.access_token, via: 'oidc', name: profile.name ?? profile.preferred_username ?? profile.sub });
        return navigate({ to: '/' });
      })
      .catch((e: unknown) => setError(e));
  }, [oidc, navigate]);
  if (error) return <ProblemAlert error={error} title="Anmeldung fehlgeschlagen" />;
  if (options.error) return <ProblemAlert error={options.error} />;
  if (options.data && !oidc) return <ProblemAlert error={new Error('Für diese Installation ist keine OIDC-Anmeldung eingerichtet.')} />;
  return <Loading label="Anmeldung wird abgeschlossen …" />;
}

/**
 * Signs out of the console, and an OIDC user at the issuer too (RP-initiated logout, which comes back
 * to the console): otherwise the issuer's session lives on and the next "Anmelden" in this browser
 * signs the same person in again without asking for a password.
 */
export function signOut(session: Session, oidc: Schemas['OidcClientDto'] | null | undefined): void {
  setSession(null);
  if (session.via === 'oidc' && oidc) void import('./oidc').then(({ userManager }) => userManager(oidc).signoutRedirect());
}
