import type { PoolClient } from 'pg';
import { command, commandTable, creation } from '../engine/commands';
import { ApprovalNoticeDto, BudgetAdoptionDto, ContractDto, EarlyStartDto, FundCallDto, MeasureStartDto, OwnShareSpendingDto, ProofOfUseDto, RejectDto, WithdrawDto } from './dto/commands.dto';
import { CreateGrantDto } from './dto/create-grant.dto';
import { GrantDto } from './dto/grant.dto';
import { GrantsFacts } from './grants.facts';
import { GrantsView } from './grants.view';
import { toCents } from './money';

const writers = ['office', 'admin'] as const;

/**
 * The steps of a grant procedure (Zuwendungsverfahren) for the managing office. Facts held by other
 * workflows (selected providers, budget decisions) are looked up by GrantsFacts, never taken from the
 * client. Rows without `facts` send the validated body as the event's payload. Every step answers 201,
 * as the grant endpoints always have.
 */
export const grantCommands = commandTable<GrantsFacts, GrantDto>({
  workflow: 'grant',
  noun: 'Grant procedure',
  resource: 'grants',
  key: 'grant',
  tag: 'grants',
  facts: GrantsFacts,
  view: GrantsView,
  viewDto: GrantDto,
  create: creation({
    body: CreateGrantDto,
    roles: writers,
    summary: 'Create a grant procedure (drafted). Financing years name budget sources; the application must pass the submission rules (own share ≤ 20 %, balanced plan, sources not expired and covering the own share).',
    input: (facts, { ctx, dto }) => (tx: PoolClient) => facts.application(tx, ctx, dto),
    after: (facts, { ctx, dto, tx, instance }) => facts.linkMotion(tx, ctx, dto, instance),
  }),
  commands: [
    command({ event: 'SUBMIT', method: 'POST', path: 'submit', status: 201, roles: writers, summary: 'Submit the application to the granting authority' }),
    command({
      event: 'APPROVE_EARLY_START',
      method: 'POST',
      path: 'early-start',
      body: EarlyStartDto,
      status: 201,
      roles: writers,
      summary: 'Record an early-start approval (vorzeitiger Maßnahmebeginn) with its date and scope',
      facts: (_, { dto }) => ({ date: dto.date, scope: { modules: dto.modules, providerIds: dto.providerIds ?? null, description: dto.description } }),
    }),
    command({
      event: 'RECORD_MEASURE_START',
      method: 'POST',
      path: 'measure-starts',
      body: MeasureStartDto,
      status: 201,
      roles: writers,
      summary: 'Record that a provider started a measure; a start without approval or early-start approval is flagged as endangering the grant',
      facts: (facts, { tx, ctx, dto }) => facts.measureStart(tx, ctx, dto),
    }),
    command({
      event: 'APPROVAL_NOTICE',
      method: 'POST',
      path: 'approval-notice',
      body: ApprovalNoticeDto,
      status: 201,
      roles: writers,
      summary: 'Record the approval notice (Bewilligungsbescheid); schedules the proof-of-use and spend-by deadlines',
      facts: (_, { dto }) => ({
        date: dto.date,
        fileNumber: dto.fileNumber,
        approvedCents: toCents(dto.approvedAmount),
        period: { from: dto.period.from, to: dto.period.to },
        conditions: dto.conditions,
        proofOfUseDue: dto.proofOfUseDue ?? null,
      }),
    }),
    command({ event: 'REJECT', method: 'POST', path: 'reject', body: RejectDto, status: 201, roles: writers, summary: 'Record a rejection (or that the application was not considered)' }),
    command({ event: 'WITHDRAW', method: 'POST', path: 'withdraw', body: WithdrawDto, status: 201, roles: writers, summary: 'Withdraw the application (not once a forwarding contract is concluded)' }),
    command({
      event: 'CONCLUDE_CONTRACT',
      method: 'POST',
      path: 'contracts',
      body: ContractDto,
      status: 201,
      roles: writers,
      summary: 'Conclude a forwarding contract (Weiterleitungsvertrag) with a provider selected in the decided selection procedure of the module (looked up here); needs the approval notice or a covering early start; contracts stay within the approved amount',
      facts: (facts, { ctx, dto, tx }) => facts.contract(tx, ctx, dto),
    }),
    command({
      event: 'SPEND_OWN_SHARE',
      method: 'POST',
      path: 'own-share-spendings',
      body: OwnShareSpendingDto,
      status: 201,
      roles: writers,
      summary: 'Spend own share (Eigenanteil) of a year: not after the source’s spend-by date, not beyond the year’s own share, and a conditional year only once the budget decision is recorded (or given here and verified)',
      facts: async (facts, { tx, ctx, dto }) => ({
        year: dto.year,
        amountCents: toCents(dto.amount),
        budgetDecision: dto.budgetDecision ? await facts.budgetDecision(tx, ctx, dto.budgetDecision) : null,
      }),
    }),
    command({
      event: 'RECORD_BUDGET_ADOPTION',
      method: 'POST',
      path: 'budget-adoptions',
      body: BudgetAdoptionDto,
      status: 201,
      roles: writers,
      summary: 'Record the budget decision for a conditional year: a decided motion (ref = its instance id, verified) or the adopted budget statute (ref names it)',
      facts: async (facts, { tx, ctx, dto }) => {
        const decision = await facts.budgetDecision(tx, ctx, dto);
        return { year: dto.year, source: decision.source, ref: decision.ref, ...(decision.reference ? { reference: decision.reference } : {}), adopted: decision.adopted };
      },
    }),
    command({
      event: 'CALL_FUNDS',
      method: 'POST',
      path: 'fund-calls',
      body: FundCallDto,
      status: 201,
      roles: writers,
      summary: 'Call funds (Mittelabruf), within the approved amount',
      facts: (_, { dto }) => ({ callId: dto.callId, amountCents: toCents(dto.amount), date: dto.date }),
    }),
    command({ event: 'SUBMIT_PROOF_OF_USE', method: 'POST', path: 'proof-of-use', body: ProofOfUseDto, status: 201, roles: writers, summary: 'Submit the proof of use (Verwendungsnachweis)' }),
    command({ event: 'CLOSE', method: 'POST', path: 'close', status: 201, roles: writers, summary: 'Close the procedure once the proof of use is accepted' }),
  ],
});
