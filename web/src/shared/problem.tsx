import { ProblemError, type Problem } from './api';
import { ruleText } from './rules';

/** A problem+json from any thrown error (the API's own, or one made up for an unexpected error). */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  return { type: 'about:blank', title: 'Unerwarteter Fehler', status: 0, code: 'CONSOLE.ERROR', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * An error as the API explained it: its message, its stable code, and every broken rule or invalid
 * field. Announced to screen readers (role="alert").
 */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const problem = problemOf(error);
  return (
    <div className="kern-alert kern-alert--danger" role="alert">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{title ?? ruleText(problem.code) ?? 'Nicht möglich'}</span>
      </div>
      <div className="kern-alert__body">
        {title && ruleText(problem.code) ? <p className="kern-body">{ruleText(problem.code)}</p> : null}
        {problem.violations?.length ? null : <ApiText text={problem.detail} />}
        {problem.violations?.length ? (
          <ul className="kern-list">
            {problem.violations.map((v) => (
              <li key={v.code + v.message}>
                {ruleText(v.code) ? <>{ruleText(v.code)} </> : null}
                <ApiText text={v.message} inline /> <code className="problem-code">{v.code}</code>
              </li>
            ))}
          </ul>
        ) : null}
        {problem.errors?.length ? (
          <ul className="kern-list">
            {problem.errors.map((e) => (
              <li key={e.field}>
                <strong>{e.field}</strong>: {e.messages.join('; ')}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="kern-body kern-body--small">
          Code: <code className="problem-code">{problem.code}</code>
          {problem.correlationId ? <> · Vorgangsnummer {problem.correlationId}</> : null}
        </p>
      </div>
    </div>
  );
}

/** Messages the API gave for one form field (VALIDATION.FAILED), to show under that field. */
export function fieldErrors(error: unknown, field: string): string[] {
  if (!(error instanceof ProblemError)) return [];
  return (error.problem.errors ?? []).filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`)).flatMap((e) => e.messages);
}

/**
 * What to show under one form field: the API's messages for the field, and the rule violations the
 * field answers for (`codes`), in German where the console knows the rule.
 */
export function fieldMessages(error: unknown, field: string, codes: readonly string[] = []): string[] {
  const own = fieldErrors(error, field);
  if (!codes.length || !(error instanceof ProblemError)) return own;
  const { violations = [], code, detail } = error.problem;
  const broken = violations.length ? violations.filter((v) => codes.includes(v.code)) : codes.includes(code) ? [{ code, message: detail }] : [];
  return [...own, ...broken.map((v) => ruleText(v.code) ?? v.message)];
}

/**
 * A sentence as the API wrote it. Its messages are English; German ones come from the console
 * itself. Marked with its language so screen readers pronounce it right (WCAG 3.1.2).
 */
export function ApiText({ text, inline = false }: { text: string; inline?: boolean }) {
  const german = /[äöüßÄÖÜ]|\b(der|die|das|und|nicht|ist)\b/.test(text);
  const lang = german ? 'de' : 'en';
  return inline ? (
    <span lang={lang} className="api-text">
      {text}
    </span>
  ) : (
    <p lang={lang} className="kern-body api-text">
      {text}
    </p>
  );
}
