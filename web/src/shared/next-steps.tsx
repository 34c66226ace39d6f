import { useId } from 'react';
import { ApiText } from './problem';
import { ruleText } from './rules';

/**
 * One next step as the API states it. Motions and meetings answer `{ command, allowed, reason, code }`,
 * commands `{ command, allowed, reason, violations }`, selection and grants `{ event, label, allowed, reason }`:
 * normalise with `toStep` and every area renders them alike.
 */
export interface Step {
  command: string;
  allowed: boolean;
  /** Why it is blocked, in plain words */
  reason?: string | null;
  /** The refusing rules' codes */
  codes?: string[];
  label?: string;
}

export function toStep(s: { command?: string; event?: string; allowed: boolean; reason?: string | null; code?: string; violations?: { code: string; message: string }[]; label?: string }): Step {
  const codes = s.violations?.map((v) => v.code) ?? (s.code ? [s.code] : []);
  const reason = s.reason ?? (s.violations?.length ? s.violations.map((v) => v.message).join(' ') : null);
  return { command: s.command ?? s.event ?? '', allowed: s.allowed, reason, codes, ...(s.label ? { label: s.label } : {}) };
}

/**
 * The next steps as buttons: allowed ones start their command (usually opening its form); a blocked one
 * is disabled and says which rule refuses it, visible to everyone and tied to the button for screen readers.
 */
export function NextSteps({ steps, onSelect, active, hidden = [] }: { steps: Step[]; onSelect: (step: Step) => void; active?: string | null; hidden?: string[] }) {
  const id = useId();
  const shown = steps.filter((s) => !hidden.includes(s.command));
  if (!shown.length) return <p className="kern-body">In diesem Stand ist kein weiterer Schritt vorgesehen.</p>;
  return (
    <ul className="next-steps" aria-label="Nächste Schritte">
      {shown.map((step) => {
        const reasonId = `${id}-${step.command}`;
        return (
          <li key={step.command} className="next-step">
            <button
              type="button"
              className={`kern-btn ${step.allowed ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
              disabled={!step.allowed}
              aria-describedby={!step.allowed && step.reason ? reasonId : undefined}
              aria-expanded={step.allowed ? active === step.command : undefined}
              onClick={() => onSelect(step)}
              data-command={step.command}
            >
              <span className="kern-label">{step.label ?? step.command}</span>
            </button>
            {!step.allowed && step.reason ? (
              <p className="next-step__reason kern-body kern-body--small" id={reasonId}>
                <span className="kern-icon kern-icon--warning kern-icon--small" aria-hidden="true" /> Nicht möglich: {step.codes?.map(ruleText).filter(Boolean).join(' ')}{' '}
                <ApiText text={step.reason} inline />
                {step.codes?.length ? <> {step.codes.map((c) => <code key={c} className="problem-code">{c}</code>)}</> : null}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
