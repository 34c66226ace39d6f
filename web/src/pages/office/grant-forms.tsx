import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { useCommand } from '../../shared/command';
import { fieldErrors } from '../../shared/problem';
import { Field, Select } from '../../shared/ui';
import { OFFICE_COMMAND_LABEL, label } from './labels';
import { FormFrame, sendStep, type StepFormProps } from './steps';

type Grant = Schemas['GrantDto'];

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Bewilligungsbescheid: file number, date, approved amount, funding period, conditions, proof-of-use date. */
export function ApprovalNoticeForm({ step, etag, invalidate, onClose, grant }: StepFormProps & { grant: Grant }) {
  const [fileNumber, setFileNumber] = useState('');
  const [date, setDate] = useState('');
  const [approvedAmount, setApprovedAmount] = useState(grant.requested);
  const [from, setFrom] = useState(grant.fundingPeriod.from);
  const [to, setTo] = useState(grant.fundingPeriod.to);
  const [conditions, setConditions] = useState('');
  const [proofOfUseDue, setProofOfUseDue] = useState('');
  const body: Schemas['ApprovalNoticeDto'] = { fileNumber, date, approvedAmount: approvedAmount.replace(',', '.'), period: { from, to }, conditions: lines(conditions), ...(proofOfUseDue ? { proofOfUseDue } : {}) };
  const cmd = useCommand({ etag, invalidate, run: (_: void, headers) => sendStep(step, body, headers), onDone: onClose });
  const err = (f: string) => fieldErrors(cmd.error, f);
  return (
    <FormFrame title={label(OFFICE_COMMAND_LABEL, step.command)} hint={step.hint} onClose={onClose} onSubmit={(e: FormEvent) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending}>
      <Field label="Aktenzeichen des Bescheids" errors={err('fileNumber')}>
        {(p) => <input {...p} className="kern-form-input__input" value={fileNumber} onChange={(e) => setFileNumber(e.target.value)} />}
      </Field>
      <Field label="Datum des Bescheids" errors={err('date')}>
        {(p) => <input {...p} className="kern-form-input__input" type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field label="Bewilligter Betrag (Euro)" hint="z. B. 125000.00" errors={err('approvedAmount')}>
        {(p) => <input {...p} className="kern-form-input__input" inputMode="decimal" value={approvedAmount} onChange={(e) => setApprovedAmount(e.target.value)} />}
      </Field>
      <Field label="Bewilligungszeitraum von" errors={err('period')}>
        {(p) => <input {...p} className="kern-form-input__input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
      </Field>
      <Field label="Bewilligungszeitraum bis" errors={err('period')}>
        {(p) => <input {...p} className="kern-form-input__input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
      </Field>
      <Field label="Nebenbestimmungen" hint="Eine je Zeile; sie gehen in jeden Weiterleitungsvertrag über." errors={err('conditions')}>
        {(p) => <textarea {...p} className="kern-form-input__input" rows={3} value={conditions} onChange={(e) => setConditions(e.target.value)} />}
      </Field>
      <Field label="Verwendungsnachweis fällig am (optional)" errors={err('proofOfUseDue')}>
        {(p) => <input {...p} className="kern-form-input__input" type="date" value={proofOfUseDue} onChange={(e) => setProofOfUseDue(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

/** Weiterleitungsvertrag with a provider selected in the module's decided selection procedure. */
export function ContractForm({ step, etag, invalidate, onClose, grant }: StepFormProps & { grant: Grant }) {
  const [module, setModule] = useState(grant.modules[0] ?? '');
  const [providerId, setProviderId] = useState('');
  const [contractId, setContractId] = useState('');
  const [amount, setAmount] = useState('');
  const [from, setFrom] = useState(grant.approval?.period.from ?? grant.fundingPeriod.from);
  const [to, setTo] = useState(grant.approval?.period.to ?? grant.fundingPeriod.to);
  const [conditions, setConditions] = useState('');
  const selected = useQuery({ queryKey: ['selected', module], queryFn: () => unwrap(api.GET('/selection/modules/{module}/selected', { params: { path: { module } } })), enabled: Boolean(module) });
  const providers = selected.data?.providers ?? [];
  const chosen = providerId || providers[0]?.providerId || '';
  const body: Schemas['ContractDto'] = { contractId, module, providerId: chosen, amount: amount.replace(',', '.'), period: { from, to }, ...(lines(conditions).length ? { conditions: lines(conditions) } : {}) };
  const cmd = useCommand({ etag, invalidate, run: (_: void, headers) => sendStep(step, body, headers), onDone: onClose });
  const err = (f: string) => fieldErrors(cmd.error, f);
  return (
    <FormFrame title={label(OFFICE_COMMAND_LABEL, step.command)} hint={step.hint} onClose={onClose} onSubmit={(e: FormEvent) => (e.preventDefault(), cmd.mutate())} error={cmd.error} pending={cmd.isPending}>
      <Field label="Baustein" errors={err('module')}>
        {(p) => (
          <Select {...p} value={module} onChange={(e) => (setModule(e.target.value), setProviderId(''))}>
            {grant.modules.map((m) => (
              <option key={m} value={m}>
                Baustein {m}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Träger" hint={selected.data && !selected.data.decided ? 'Für diesen Baustein ist noch keine Auswahl entschieden.' : 'Ausgewählt im Auswahlverfahren des Bausteins'} errors={err('providerId')}>
        {(p) => (
          <Select {...p} value={chosen} onChange={(e) => setProviderId(e.target.value)}>
            {providers.length === 0 ? <option value="">– kein ausgewählter Träger –</option> : null}
            {providers.map((x) => (
              <option key={x.providerId} value={x.providerId}>
                {x.providerName}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Vertragsnummer" hint="z. B. WV-IV-1" errors={err('contractId')}>
        {(p) => <input {...p} className="kern-form-input__input" value={contractId} onChange={(e) => setContractId(e.target.value)} />}
      </Field>
      <Field label="Betrag (Euro)" hint="z. B. 25000.00" errors={err('amount')}>
        {(p) => <input {...p} className="kern-form-input__input" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </Field>
      <Field label="Laufzeit von" errors={err('period')}>
        {(p) => <input {...p} className="kern-form-input__input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
      </Field>
      <Field label="Laufzeit bis" errors={err('period')}>
        {(p) => <input {...p} className="kern-form-input__input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
      </Field>
      <Field label="Weitere Auflagen" hint="Eine je Zeile; die Nebenbestimmungen des Bescheids gelten immer." errors={err('conditions')}>
        {(p) => <textarea {...p} className="kern-form-input__input" rows={2} value={conditions} onChange={(e) => setConditions(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
