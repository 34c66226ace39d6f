import type { QueryKey } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Schemas } from './api';
import { useCommand, type CommandHeaders } from './command';
import { berlinInstant } from './dates';
import { NextSteps, toStep } from './next-steps';
import { ApiText, fieldMessages, ProblemAlert } from './problem';
import { currentToken, signOutOnUnauthorized } from './session';
import { Field, Select } from './ui';

export type NextStep = Schemas['NextStepDto'];

/**
 * Sends one next step exactly as the API names it (method and path, `{key}`-style parameters filled
 * in), with the command headers. The answer has the shape openapi-fetch gives, so `useCommand`
 * handles it like a typed call.
 */
export async function sendStep(step: Pick<NextStep, 'method' | 'path'>, body: unknown, headers: CommandHeaders, params: Record<string, string> = {}): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const token = currentToken();
  const path = step.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const response = await fetch(path, {
    method: step.method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) signOutOnUnauthorized();
  const parsed: unknown = await response.json().catch(() => undefined);
  return response.ok ? { data: parsed ?? {}, response } : { error: parsed, response };
}

/** What every command form gets: the step as the API offers it, its German name, and how to finish. */
export interface StepFormProps {
  step: NextStep;
  title: string;
  etag: string | undefined;
  invalidate: QueryKey[];
  onClose: () => void;
}

export type FormRenderer = (props: StepFormProps) => ReactNode;

/**
 * The one frame of every command form: its title, the API's hint, the refusal (message, code,
 * violated rules and invalid fields, announced to screen readers), the fields, and the buttons.
 */
export function FormFrame({ title, hint, onClose, onSubmit, error, pending, submitLabel, children }: { title: string; hint?: string | null; onClose: () => void; onSubmit?: (e: FormEvent) => void; error?: unknown; pending?: boolean; submitLabel?: string; children?: ReactNode }) {
  return (
    <form className="command-form kern-card" aria-label={title} onSubmit={onSubmit} noValidate>
      <div className="kern-card__container kern-stack">
        <h3 className="kern-heading-small">{title}</h3>
        {hint ? <ApiText text={hint} /> : null}
        {error ? <ProblemAlert error={error} title="Nicht ausgeführt" /> : null}
        {children}
        <div className="command-form__buttons">
          {onSubmit ? (
            <button type="submit" className="kern-btn kern-btn--primary" disabled={pending}>
              <span className="kern-label">{pending ? 'Wird gesendet …' : (submitLabel ?? title)}</span>
            </button>
          ) : null}
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">Abbrechen</span>
          </button>
        </div>
      </div>
    </form>
  );
}

/** Runs the step with a body (and path parameters); on success the form closes and the page refetches. */
export function useStepCommand({ step, etag, invalidate, onClose }: StepFormProps) {
  return useCommand({ etag, invalidate, run: ({ body, params }: { body?: unknown; params?: Record<string, string> }, headers: CommandHeaders) => sendStep(step, body, headers, params), onDone: onClose });
}

export type Value = string | boolean | string[];
export type Values = Record<string, Value>;
export interface Option {
  value: string;
  label: string;
}

/**
 * One field of a request body. `name` is the body's field (dotted for nested ones, e.g.
 * `period.from`): the API's messages for that field and the rule violations named in `codes` show
 * under it. The kind decides the control and how its text becomes the body's value.
 */
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'date' | 'datetime' | 'number' | 'decimal' | 'select' | 'checkbox' | 'lines' | 'choices';
  hint?: string;
  optional?: boolean;
  options?: readonly Option[];
  initial?: Value;
  codes?: readonly string[];
  /** Values offered while typing (a datalist), e.g. evaluators already known */
  suggestions?: readonly string[];
  min?: number;
  max?: number;
}

const emptyValue = (f: FieldSpec): Value => f.initial ?? (f.kind === 'checkbox' ? false : f.kind === 'choices' || f.kind === 'lines' ? [] : '');

/** A required select shows its first option until one is chosen; the body sends what is shown. */
function shown(f: FieldSpec, value: Value | undefined): Value {
  const v = value ?? emptyValue(f);
  if (f.kind === 'select' && v === '' && !f.optional) return f.options?.[0]?.value ?? '';
  if (f.kind === 'lines' && Array.isArray(v)) return v.join('\n');
  return v;
}

/** "1.234,50" or "1234.50" → "1234.50": German or API notation, as the API's decimals want it. */
export const decimal = (text: string): string => {
  const t = text.trim().replace(/\s|€/g, '');
  return t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
};

export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A field's value for the body; undefined leaves the field out (the API then names a missing required one). */
function toValue(f: FieldSpec, raw: Value): unknown {
  if (typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return raw.length || !f.optional ? raw : undefined;
  const text = raw.trim();
  switch (f.kind ?? 'text') {
    case 'text':
    case 'textarea':
      return text === '' && f.optional ? undefined : text;
    case 'lines': {
      const list = lines(raw);
      return list.length || !f.optional ? list : undefined;
    }
    case 'number':
      return text === '' ? undefined : Number(text);
    case 'decimal':
      return text === '' ? undefined : decimal(text);
    case 'datetime':
      return text === '' ? undefined : berlinInstant(text);
    case 'date':
    case 'select':
    case 'checkbox':
    case 'choices':
      return text === '' ? undefined : text;
  }
}

/** The request body from the fields' values, nested along dotted names. */
export function toBody(fields: readonly FieldSpec[], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const value = toValue(f, shown(f, values[f.name]));
    if (value === undefined) continue;
    const path = f.name.split('.');
    let at = body;
    for (const segment of path.slice(0, -1)) at = (at[segment] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = value;
  }
  return body;
}

/** Values of a set of fields, starting from their `initial`. */
export function useValues(): [Values, (name: string, value: Value) => void] {
  const [values, setValues] = useState<Values>({});
  return [values, (name, value) => setValues((v) => ({ ...v, [name]: value }))];
}

/** The control of one field, with its label, hint and the API's messages for it. */
export function FormField({ field: f, values, set, error }: { field: FieldSpec; values: Values; set: (name: string, value: Value) => void; error: unknown }) {
  const id = useId();
  const value = shown(f, values[f.name]);
  const errors = fieldMessages(error, f.name, f.codes);
  const label = f.optional && f.kind !== 'checkbox' ? `${f.label} (optional)` : f.label;
  if (f.kind === 'checkbox') {
    return (
      <div className={`kern-form-check${errors.length ? ' kern-form-check--error' : ''}`}>
        <input className="kern-form-check__checkbox" type="checkbox" id={id} checked={value === true} onChange={(e) => set(f.name, e.target.checked)} aria-describedby={errors.length ? `${id}-error` : undefined} />
        <label className="kern-label" htmlFor={id}>
          {label}
        </label>
        {errors.length ? <FieldMessages id={`${id}-error`} errors={errors} /> : null}
      </div>
    );
  }
  if (f.kind === 'choices') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="kern-fieldset" aria-describedby={errors.length ? `${id}-error` : undefined}>
        <legend className="kern-label">{label}</legend>
        {f.hint ? <div className="kern-hint">{f.hint}</div> : null}
        {errors.length ? <FieldMessages id={`${id}-error`} errors={errors} /> : null}
        <div className="kern-fieldset__body choices">
          {(f.options ?? []).map((o, i) => (
            <div className="kern-form-check" key={o.value}>
              <input
                className="kern-form-check__checkbox"
                type="checkbox"
                id={`${id}-${i}`}
                checked={chosen.includes(o.value)}
                onChange={(e) => set(f.name, e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />
              <label className="kern-label" htmlFor={`${id}-${i}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  }
  const text = typeof value === 'string' ? value : '';
  const change = (e: { target: { value: string } }) => set(f.name, e.target.value);
  return (
    <Field label={label} hint={f.hint} errors={errors}>
      {(p) => {
        switch (f.kind ?? 'text') {
          case 'textarea':
          case 'lines':
            return <textarea {...p} className="kern-form-input__input" rows={f.kind === 'lines' ? 3 : 4} value={text} onChange={change} />;
          case 'select':
            return (
              <Select {...p} value={text} onChange={change}>
                {f.optional ? <option value="">– keine Angabe –</option> : null}
                {(f.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            );
          case 'date':
            return <input {...p} className="kern-form-input__input kern-form-input__input--width-10" type="date" value={text} onChange={change} />;
          case 'datetime':
            return <input {...p} className="kern-form-input__input kern-form-input__input--width-20" type="datetime-local" value={text} onChange={change} />;
          case 'number':
            return <input {...p} className="kern-form-input__input kern-form-input__input--width-5" type="number" inputMode="numeric" min={f.min} max={f.max} value={text} onChange={change} />;
          case 'decimal':
            return <input {...p} className="kern-form-input__input kern-form-input__input--width-10" inputMode="decimal" value={text} onChange={change} />;
          case 'text':
          case 'checkbox':
          case 'choices':
            return (
              <>
                <input {...p} className="kern-form-input__input" value={text} onChange={change} list={f.suggestions?.length ? `${id}-list` : undefined} />
                {f.suggestions?.length ? (
                  <datalist id={`${id}-list`}>
                    {f.suggestions.map((s) => (
                      <option key={s} value={s} />
                    ))}
                  </datalist>
                ) : null}
              </>
            );
        }
      }}
    </Field>
  );
}

/** The API's messages for a field or a group of fields, announced when they appear. */
export function FieldMessages({ id, errors }: { id?: string; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <p className="kern-error" id={id} role="alert">
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span>{errors.join(' ')}</span>
    </p>
  );
}

export function FormFields({ fields, values, set, error }: { fields: readonly FieldSpec[]; values: Values; set: (name: string, value: Value) => void; error: unknown }) {
  return (
    <>
      {fields.map((f) => (
        <FormField key={f.name} field={f} values={values} set={set} error={error} />
      ))}
    </>
  );
}

/**
 * A command form made of fields: the body is built from them (`body` may reshape it), path
 * parameters come from `params`. A form without fields is a confirmation.
 */
export function StepForm(
  props: StepFormProps & {
    fields?: readonly FieldSpec[] | ((values: Values) => readonly FieldSpec[]);
    /** Reshapes the body built from the fields; undefined sends none */
    body?: (body: Record<string, unknown>, values: Values) => unknown;
    params?: (body: Record<string, unknown>, values: Values) => Record<string, string>;
    intro?: ReactNode;
    submitLabel?: string;
    /** The values, when the form needs them before its fields (e.g. to load options for a choice) */
    state?: [Values, (name: string, value: Value) => void];
  },
) {
  const own = useValues();
  const [values, set] = props.state ?? own;
  const cmd = useStepCommand(props);
  const fields = typeof props.fields === 'function' ? props.fields(values) : (props.fields ?? []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const base = toBody(fields, values);
    cmd.mutate({ body: props.body ? props.body(base, values) : fields.length ? base : undefined, params: props.params?.(base, values) });
  };
  return (
    <FormFrame title={props.title} hint={props.step.hint} onClose={props.onClose} onSubmit={submit} error={cmd.error} pending={cmd.isPending} submitLabel={props.submitLabel}>
      {props.intro}
      <FormFields fields={fields} values={values} set={set} error={cmd.error} />
    </FormFrame>
  );
}

/**
 * A repeated group of fields (steps of the Beratungsfolge, criteria): each row its own group with
 * buttons to move it up or remove it, and one to add a row.
 */
export function RowList<T>({ legend, rows, onChange, blank, addLabel, rowName, children }: { legend: string; rows: T[]; onChange: (rows: T[]) => void; blank: () => T; addLabel: string; rowName: (i: number) => string; children: (row: T, set: (patch: Partial<T>) => void, i: number) => ReactNode }) {
  const set = (i: number) => (patch: Partial<T>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="kern-fieldset">
      <legend className="kern-label">{legend}</legend>
      <div className="kern-fieldset__body kern-stack">
        {rows.map((row, i) => (
          <fieldset key={i} className="kern-fieldset row-list__row">
            <legend className="kern-label kern-label--small">{rowName(i)}</legend>
            <div className="kern-fieldset__body row-list__fields">
              {children(row, set(i), i)}
              <div className="row-list__buttons">
                {i > 0 ? (
                  <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-label={`${rowName(i)} nach oben`} onClick={() => onChange([...rows.slice(0, i - 1), row, rows[i - 1]!, ...rows.slice(i + 1)])}>
                    <span className="kern-label">Nach oben</span>
                  </button>
                ) : null}
                <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-label={`${rowName(i)} entfernen`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  <span className="kern-label">Entfernen</span>
                </button>
              </div>
            </div>
          </fieldset>
        ))}
        <p>
          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => onChange([...rows, blank()])}>
            <span className="kern-label">{addLabel}</span>
          </button>
        </p>
      </div>
    </fieldset>
  );
}

/**
 * The API's next steps as buttons (blocked ones with the refusing rules) and the form of the chosen
 * one. `forms` has a form for every command of the workflow (typed by shared/commands.ts).
 */
export function CommandSteps<C extends string>({ steps, labels, forms, etag, invalidate }: { steps: NextStep[]; labels: Record<C, string>; forms: Record<C, FormRenderer>; etag: string | undefined; invalidate: QueryKey[] }) {
  const [active, setActive] = useState<string | null>(null);
  const known = (command: string): command is C => Object.hasOwn(forms, command);
  const step = steps.find((s) => s.command === active && s.allowed);
  return (
    <>
      <NextSteps
        steps={steps.map((s) =>
          known(s.command)
            ? { ...toStep(s), label: labels[s.command] }
            : // a step of a newer API than this console: shown, but not offered
              { command: s.command, allowed: false, reason: 'Diesen Schritt kennt diese Version der Konsole nicht; bitte die Seite neu laden.', label: s.command },
        )}
        active={active}
        onSelect={(s) => setActive((a) => (a === s.command ? null : s.command))}
      />
      {step && known(step.command) ? <div key={step.command}>{forms[step.command]({ step, title: labels[step.command], etag, invalidate, onClose: () => setActive(null) })}</div> : null}
    </>
  );
}

/**
 * Creating an instance (a meeting, a motion): a button that opens the form, the form posts the body
 * built from its fields and hands the answer on (usually to open the new page).
 */
export function CreateForm<T>({ heading, title, fields, run, onDone }: { heading: string; title: string; fields: readonly FieldSpec[]; run: (body: Record<string, unknown>, headers: CommandHeaders) => Promise<{ data?: T; error?: unknown; response: Response }>; onDone: (data: T) => void }) {
  const [open, setOpen] = useState(false);
  const [values, set] = useValues();
  const headingId = useId();
  const cmd = useCommand<T, Record<string, unknown>>({ invalidate: [], run, onDone });
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId} className="kern-heading-medium">
        {heading}
      </h2>
      {open ? (
        <FormFrame title={title} onClose={() => setOpen(false)} onSubmit={(e) => (e.preventDefault(), cmd.mutate(toBody(fields, values)))} error={cmd.error} pending={cmd.isPending}>
          <FormFields fields={fields} values={values} set={set} error={cmd.error} />
        </FormFrame>
      ) : (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setOpen(true)}>
          <span className="kern-label">{title}</span>
        </button>
      )}
    </section>
  );
}
