import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../shared/api';
import { ProblemAlert } from '../../shared/problem';

type Verified = Schemas['VerifyResultDto'];

/** The result of a verification: all good, or the first break with its instance, sequence and reason. */
export function VerifyResult({ result }: { result: Verified }) {
  return result.ok ? (
    <div className="kern-alert kern-alert--success" role="status" data-testid="verify-result">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--success" aria-hidden="true" />
        <span className="kern-title">Unverändert: Hash-Kette und Wiederholung stimmen</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">
          {result.instances} {result.instances === 1 ? 'Vorgang' : 'Vorgänge'} mit {result.events} Ereignissen geprüft
          {result.log ? '; das Protokoll stimmt mit den signierten Prüfpunkten überein' : ''}.
        </p>
      </div>
    </div>
  ) : (
    <div className="kern-alert kern-alert--danger" role="alert" data-testid="verify-result">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">Bruch gefunden</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">
          {result.firstBreak ? (
            <>
              Vorgang <code>{result.firstBreak.instanceId}</code>, Ereignis {result.firstBreak.seq}: <span lang="en">{result.firstBreak.reason}</span>
            </>
          ) : (
            'Die Prüfung ist fehlgeschlagen.'
          )}
        </p>
        <p className="kern-body kern-body--small">
          {result.instances} Vorgänge, {result.events} Ereignisse geprüft.
        </p>
      </div>
    </div>
  );
}

/** A button that verifies one instance (id) or everything, and shows the result below itself. */
export function VerifyButton({ id, label }: { id?: string; label: string }) {
  const verify = useMutation({
    mutationFn: () => (id ? unwrap(api.GET('/audit/instances/{id}/verify', { params: { path: { id } } })) : unwrap(api.GET('/audit/verify'))),
  });
  return (
    <div className="kern-stack">
      <p>
        <button type="button" className="kern-btn kern-btn--primary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          <span className="kern-label">{verify.isPending ? 'Wird geprüft …' : label}</span>
        </button>
      </p>
      <div aria-live="polite">
        {verify.error ? <ProblemAlert error={verify.error} /> : null}
        {verify.data ? <VerifyResult result={verify.data} /> : null}
      </div>
    </div>
  );
}
