import { useState, type FormEvent, type ReactNode } from 'react';
import type { Schemas } from '../../shared/api';
import { useCommand, type CommandHeaders } from '../../shared/command';
import { NextSteps, toStep } from '../../shared/next-steps';
import { ApiText, fieldErrors, ProblemAlert } from '../../shared/problem';
import { currentToken } from '../../shared/session';
import { Field } from '../../shared/ui';
import { OFFICE_COMMAND_LABEL, label } from './labels';

export type NextStep = Schemas['NextStepDto'];

/**
 * Sends one next step exactly as the API names it (method and path), with the command headers.
 * The answer has the shape openapi-fetch gives, so `useCommand` handles it like a typed call.
 */
export async function sendStep(step: Pick<NextStep, 'method' | 'path'>, body: unknown, headers: CommandHeaders): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const token = currentToken();
  const response = await fetch(step.path, {
    method: step.method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed: unknown = await response.json().catch(() => undefined);
  return response.ok ? { data: parsed ?? {}, response } : { error: parsed, response };
}

export interface StepFormProps {
  step: NextStep;
  etag: string | undefined;
  invalidate: unknown[][];
  onClose: () => void;
}

/** The form frame every office command uses: title, the API's refusal with its violations, buttons. */
export function FormFrame({ title, hint, onClose, onSubmit, error, pending, children }: { title: string; hint?: string | null; onClose: () => void; onSubmit: (e: FormEvent) => void; error?: unknown; pending?: boolean; children?: ReactNode }) {
  return (
    <form className="command-form kern-card" aria-label={title} onSubmit={onSubmit} noValidate>
      <div className="kern-card__container kern-stack">
        <h3 className="kern-heading-small">{title}</h3>
        {hint ? <ApiText text={hint} /> : null}
        {error ? <ProblemAlert error={error} title="Nicht ausgeführt" /> : null}
        {children}
        <div className="command-form__buttons">
          <button type="submit" className="kern-btn kern-btn--primary" disabled={pending}>
            <span className="kern-label">{pending ? 'Wird gesendet …' : title}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">Abbrechen</span>
          </button>
        </div>
      </div>
    </form>
  );
}

/**
 * A command without its own form: the API's hint, and the request body as JSON for the commands
 * that take one (their fields are described in the API documentation under the step's path).
 */
function GenericStepForm({ step, etag, invalidate, onClose }: StepFormProps) {
  const [text, setText] = useState('{}');
  const [parseError, setParseError] = useState<string | null>(null);
  const cmd = useCommand({ etag, invalidate, run: (body: unknown, headers) => sendStep(step, body, headers), onDone: onClose });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const body: unknown = text.trim() ? JSON.parse(text) : {};
      setParseError(null);
      cmd.mutate(body);
    } catch {
      setParseError('Die Angaben sind kein gültiges JSON.');
    }
  };
  return (
    <FormFrame title={label(OFFICE_COMMAND_LABEL, step.command)} hint={step.hint} onClose={onClose} onSubmit={submit} error={cmd.error} pending={cmd.isPending}>
      <Field label="Angaben (JSON)" hint={`${step.method} ${step.path} – Felder siehe API-Dokumentation (/docs); ohne Angaben {} lassen.`} errors={parseError ? [parseError] : fieldErrors(cmd.error, '')}>
        {(p) => <textarea {...p} className="kern-form-input__input" rows={4} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />}
      </Field>
    </FormFrame>
  );
}

/**
 * The API's next steps as buttons (blocked ones with the refusing rules and their violations), and the
 * form of the chosen one: a dedicated form where the page has one, the generic form otherwise.
 */
export function OfficeSteps({ steps, etag, invalidate, forms = {} }: { steps: NextStep[]; etag: string | undefined; invalidate: unknown[][]; forms?: Record<string, (props: StepFormProps) => ReactNode> }) {
  const [active, setActive] = useState<string | null>(null);
  const step = steps.find((s) => s.command === active && s.allowed);
  const Form = step ? (forms[step.command] ?? GenericStepForm) : null;
  return (
    <>
      <NextSteps steps={steps.map((s) => ({ ...toStep(s), label: label(OFFICE_COMMAND_LABEL, s.command) }))} active={active} onSelect={(s) => setActive((a) => (a === s.command ? null : s.command))} />
      {step && Form ? <Form key={step.command} step={step} etag={etag} invalidate={invalidate} onClose={() => setActive(null)} /> : null}
    </>
  );
}
