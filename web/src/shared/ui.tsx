import { useEffect, useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { ProblemAlert } from './problem';

/** Sets the tab title and renders the page's one h1. */
export function PageHeader({ title, preline, children }: { title: string; preline?: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – Beschlussweg`;
  }, [title]);
  return (
    <header className="page-header kern-hgroup">
      {preline ? <p className="kern-preline">{preline}</p> : null}
      <h1 className="kern-heading-large">{title}</h1>
      {children}
    </header>
  );
}

export function Loading({ label = 'Wird geladen …' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="kern-loader kern-loader--visible" aria-hidden="true" />
      <span className="kern-body">{label}</span>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="kern-alert kern-alert--info" role="status">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--info" aria-hidden="true" />
        <span className="kern-title">{children}</span>
      </div>
    </div>
  );
}

/** Loading, error or content of one query, so every page has the same three states. */
export function QueryState<T>({ query, children, loading }: { query: { data?: T; error: unknown; isPending: boolean }; children: (data: T) => ReactNode; loading?: string }) {
  if (query.error) return <ProblemAlert error={query.error} />;
  if (query.isPending || query.data === undefined) return <Loading label={loading} />;
  return <>{children(query.data)}</>;
}

export type Tone = 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span className={`kern-badge kern-badge--${tone}`}>
      <span className="kern-label kern-label--small">{children}</span>
    </span>
  );
}

/** A labelled form field with its hint and the API's messages for it (aria-describedby). */
export function Field({ label, hint, errors = [], children }: { label: string; hint?: string; errors?: string[]; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', errors.length ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`kern-form-input${errors.length ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {errors.length ? (
        <p className="kern-error" id={errorId} role="alert">
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span>{errors.join(' ')}</span>
        </p>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, ...(errors.length ? { 'aria-invalid': true } : {}) })}
    </div>
  );
}

/** Previous/next page buttons for the API's paginated lists ({ page, pageSize, total }). */
export function Pagination({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label="Seiten">
      <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span className="kern-label">Vorherige Seite</span>
      </button>
      <span className="kern-body" aria-live="polite">
        Seite {page} von {pages} ({total} Einträge)
      </span>
      <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        <span className="kern-label">Nächste Seite</span>
      </button>
    </nav>
  );
}

/** KERN's select: the native element in its wrapper (the wrapper draws the arrow). */
export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className="kern-form-input__select-wrapper">
      <select {...props} className="kern-form-input__select" />
    </div>
  );
}
