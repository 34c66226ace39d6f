import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { StepForm, useValues, type FieldSpec, type FormRenderer, type StepFormProps } from '../../shared/command-form';
import type { GrantCommand } from '../../shared/commands';
import { formatEuro } from './labels';

type Grant = Schemas['GrantDto'];
type Props = StepFormProps & { grant: Grant };

/** The form of every grant command (src/grants/grants.commands.ts), each built from its request DTO. */
const FORMS = {
  SUBMIT: ConfirmForm,
  APPROVE_EARLY_START: EarlyStartForm,
  RECORD_MEASURE_START: MeasureStartForm,
  APPROVAL_NOTICE: ApprovalNoticeForm,
  REJECT: RejectForm,
  WITHDRAW: WithdrawForm,
  CONCLUDE_CONTRACT: ContractForm,
  SPEND_OWN_SHARE: OwnShareForm,
  RECORD_BUDGET_ADOPTION: BudgetAdoptionForm,
  CALL_FUNDS: FundCallForm,
  SUBMIT_PROOF_OF_USE: ProofOfUseForm,
  CLOSE: ConfirmForm,
} satisfies Record<GrantCommand, ComponentType<Props>>;

export function grantForms(grant: Grant): Record<GrantCommand, FormRenderer> {
  return Object.fromEntries(Object.entries(FORMS).map(([command, Form]) => [command, (p: StepFormProps) => <Form {...p} grant={grant} />])) as Record<GrantCommand, FormRenderer>;
}

const money = (name: string, label: string, codes: string[] = []): FieldSpec => ({ name, label, kind: 'decimal', hint: 'In Euro, z. B. 25.000,00', codes: ['GRANT.INVALID_AMOUNT', ...codes] });
const moduleOptions = (g: Grant) => g.modules.map((m) => ({ value: m, label: `Baustein ${m}` }));

function ConfirmForm(p: Props) {
  return <StepForm {...p} intro={<p className="kern-body">Zuwendung {p.grant.programme}: diesen Schritt jetzt ausführen?</p>} />;
}

function useProviders() {
  return useQuery({ queryKey: ['providers'], queryFn: () => unwrap(api.GET('/selection/providers', { params: { query: { pageSize: 100 } } })), staleTime: 5 * 60_000 });
}

function EarlyStartForm(p: Props) {
  const providers = useProviders();
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'date', label: 'Maßnahmen dürfen beginnen ab', kind: 'date', codes: ['GRANT.INVALID_DATE'] },
        { name: 'modules', label: 'Bausteine', kind: 'choices', options: moduleOptions(p.grant), codes: ['GRANT.MODULE_NOT_IN_GRANT'] },
        { name: 'providerIds', label: 'Nur für diese Träger', kind: 'choices', optional: true, hint: 'Ohne Auswahl: alle Träger der Bausteine.', options: (providers.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })) },
        { name: 'description', label: 'Umfang der Zustimmung', kind: 'textarea' },
      ]}
    />
  );
}

function MeasureStartForm(p: Props) {
  const providers = useProviders();
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'providerId', label: 'Träger', kind: 'select', options: (providers.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })) },
        { name: 'module', label: 'Baustein', kind: 'select', options: moduleOptions(p.grant), codes: ['GRANT.MODULE_NOT_IN_GRANT'] },
        { name: 'startedAt', label: 'Maßnahme begonnen am', kind: 'date', codes: ['GRANT.MEASURE_ENDANGERS_GRANT'] },
      ]}
    />
  );
}

/** Bewilligungsbescheid: file number, date, approved amount, funding period, conditions, proof-of-use date. */
function ApprovalNoticeForm(p: Props) {
  const g = p.grant;
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'fileNumber', label: 'Aktenzeichen des Bescheids' },
        { name: 'date', label: 'Datum des Bescheids', kind: 'date', codes: ['GRANT.INVALID_DATE'] },
        { ...money('approvedAmount', 'Bewilligter Betrag (Euro)'), initial: g.requested },
        { name: 'period.from', label: 'Bewilligungszeitraum von', kind: 'date', initial: g.fundingPeriod.from },
        { name: 'period.to', label: 'Bewilligungszeitraum bis', kind: 'date', initial: g.fundingPeriod.to },
        { name: 'conditions', label: 'Nebenbestimmungen', kind: 'lines', hint: 'Eine je Zeile; sie gehen in jeden Weiterleitungsvertrag über.' },
        { name: 'proofOfUseDue', label: 'Verwendungsnachweis fällig am', kind: 'date', optional: true },
      ]}
    />
  );
}

function RejectForm(p: Props) {
  return (
    <StepForm
      {...p}
      intro={<p className="kern-body">Die Ablehnung beendet das Verfahren.</p>}
      fields={[
        { name: 'date', label: 'Datum der Ablehnung', kind: 'date' },
        { name: 'reason', label: 'Begründung (oder: nicht berücksichtigt, weil …)', kind: 'textarea' },
      ]}
    />
  );
}

function WithdrawForm(p: Props) {
  return <StepForm {...p} fields={[{ name: 'reason', label: 'Begründung', kind: 'textarea', codes: ['GRANT.CONTRACTS_CONCLUDED'] }]} />;
}

/** Weiterleitungsvertrag with a provider selected in the module's decided selection procedure. */
function ContractForm(p: Props) {
  const g = p.grant;
  const state = useValues();
  const module = (state[0].module as string | undefined) || g.modules[0] || '';
  const selected = useQuery({ queryKey: ['selected', module], queryFn: () => unwrap(api.GET('/selection/modules/{module}/selected', { params: { path: { module } } })), enabled: Boolean(module) });
  const providers = selected.data?.providers ?? [];
  return (
    <StepForm
      {...p}
      state={state}
      fields={[
        { name: 'module', label: 'Baustein', kind: 'select', options: moduleOptions(g), codes: ['GRANT.MODULE_NOT_IN_GRANT'] },
        {
          name: 'providerId',
          label: 'Träger',
          kind: 'select',
          hint: selected.data && !selected.data.decided ? 'Für diesen Baustein ist noch keine Auswahl entschieden.' : 'Ausgewählt im Auswahlverfahren des Bausteins',
          options: providers.map((x) => ({ value: x.providerId, label: x.providerName })),
          codes: ['GRANT.PROVIDER_NOT_SELECTED'],
        },
        { name: 'contractId', label: 'Vertragsnummer', hint: 'z. B. WV-IV-1', codes: ['GRANT.DUPLICATE_CONTRACT'] },
        money('amount', 'Betrag (Euro)', ['GRANT.CONTRACTS_EXCEED_APPROVAL']),
        { name: 'period.from', label: 'Laufzeit von', kind: 'date', initial: g.approval?.period.from ?? g.fundingPeriod.from },
        { name: 'period.to', label: 'Laufzeit bis', kind: 'date', initial: g.approval?.period.to ?? g.fundingPeriod.to },
        { name: 'conditions', label: 'Weitere Auflagen', kind: 'lines', optional: true, hint: 'Eine je Zeile; die Nebenbestimmungen des Bescheids gelten immer.' },
      ]}
    />
  );
}

const BUDGET_SOURCES = [
  { value: 'motion', label: 'Beschluss einer Vorlage (Vorgangsnummer)' },
  { value: 'budget', label: 'Beschlossene Haushaltssatzung' },
];
const yearOptions = (rows: Grant['financing']) => [...new Set(rows.map((f) => f.year))].map((y) => ({ value: String(y), label: String(y) }));

function OwnShareForm(p: Props) {
  const g = p.grant;
  return (
    <StepForm
      {...p}
      intro={<p className="kern-body">Offen: {g.financing.map((f) => `${f.year} ${formatEuro(f.remaining)}${f.blocked ? ' (gesperrt bis zum Haushaltsbeschluss)' : ''}`).join('; ')}.</p>}
      fields={[
        { name: 'year', label: 'Haushaltsjahr', kind: 'select', options: yearOptions(g.financing), codes: ['GRANT.UNKNOWN_YEAR'] },
        money('amount', 'Betrag (Euro)', ['GRANT.OWN_SHARE_EXCEEDED', 'GRANT.SOURCE_EXPIRED']),
        { name: 'budgetDecision.source', label: 'Haushaltsbeschluss, der ein vorbehaltliches Jahr freigibt', kind: 'select', optional: true, options: BUDGET_SOURCES, codes: ['GRANT.BUDGET_NOT_ADOPTED', 'GRANT.NO_BUDGET_CONDITION'] },
        { name: 'budgetDecision.ref', label: 'Fundstelle des Haushaltsbeschlusses', optional: true, hint: 'Bei einer Vorlage ihre Vorgangsnummer; sonst die Bezeichnung der Haushaltssatzung.', codes: ['GRANT.MOTION_NOT_FOUND', 'GRANT.MOTION_NOT_DECIDED', 'GRANT.NOT_A_MOTION'] },
      ]}
      body={({ year, budgetDecision, ...body }) => ({ ...body, year: Number(year), ...((budgetDecision as { source?: string } | undefined)?.source ? { budgetDecision } : {}) })}
    />
  );
}

function BudgetAdoptionForm(p: Props) {
  const g = p.grant;
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'year', label: 'Haushaltsjahr', kind: 'select', options: yearOptions(g.financing.filter((f) => f.conditional)), codes: ['GRANT.UNKNOWN_YEAR', 'GRANT.NO_BUDGET_CONDITION'] },
        { name: 'source', label: 'Art des Beschlusses', kind: 'select', options: BUDGET_SOURCES },
        { name: 'ref', label: 'Fundstelle', hint: 'Bei einer Vorlage ihre Vorgangsnummer; sonst die Bezeichnung der Haushaltssatzung.', codes: ['GRANT.MOTION_NOT_FOUND', 'GRANT.MOTION_NOT_DECIDED', 'GRANT.NOT_A_MOTION', 'GRANT.BUDGET_NOT_ADOPTED'] },
      ]}
      body={({ year, ...body }) => ({ ...body, year: Number(year) })}
    />
  );
}

function FundCallForm(p: Props) {
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'callId', label: 'Nummer des Mittelabrufs', hint: 'z. B. MA-2020-1', codes: ['GRANT.DUPLICATE_FUND_CALL'] },
        money('amount', 'Betrag (Euro)', ['GRANT.FUND_CALLS_EXCEED_APPROVAL']),
        { name: 'date', label: 'Datum', kind: 'date' },
      ]}
    />
  );
}

function ProofOfUseForm(p: Props) {
  return (
    <StepForm
      {...p}
      fields={[
        { name: 'date', label: 'Eingereicht am', kind: 'date' },
        { name: 'documentRef', label: 'Aktenzeichen oder Fundstelle des Nachweises' },
      ]}
    />
  );
}
