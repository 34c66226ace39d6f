import {
  approvalNotice,
  budgetAdoption2021,
  callFunds,
  caseUntilApproval,
  coesfeldInput,
  contracts,
  earlyStartVhs,
  euros,
  event,
  given,
  on,
  proofOfUse,
  spend,
  submit,
} from './fixtures';
import { contractsByProvider, deadlines, financingTable, grantHint, grantSteps, ownShareUsage, type GrantSnapshot } from './index';

describe('financingTable', () => {
  it('given the case after submission, then 2021 is conditional and blocked', () => {
    expect(financingTable(given(coesfeldInput, submit).context)).toEqual([
      {
        year: 2020,
        totalCostCents: euros(67_500),
        stateShareCents: euros(54_000),
        ownShareCents: euros(13_500),
        sourceKey: 'integrationspauschale',
        sourceName: 'Integrationspauschale (§ 14c TIntG)',
        spendBy: '2021-11-30',
        conditional: false,
        blocked: false,
        budgetAdoption: null,
        spentCents: 0,
        remainingCents: euros(13_500),
      },
      expect.objectContaining({ year: 2021, ownShareCents: euros(102_900), conditional: true, blocked: true }),
    ]);
  });

  it('given the budget adoption and spending, then 2021 is unblocked and the spent amounts show', () => {
    const s = given(coesfeldInput, submit, approvalNotice, spend(2020, 13_500, on('2020-12-01')), budgetAdoption2021, spend(2021, 2_900, on('2021-02-01')));
    const [y2020, y2021] = financingTable(s.context);
    expect(y2020).toMatchObject({ spentCents: euros(13_500), remainingCents: 0 });
    expect(y2021).toMatchObject({
      conditional: true,
      blocked: false,
      budgetAdoption: { source: 'budget', ref: budgetAdoption2021.ref, recordedAt: budgetAdoption2021.at },
      spentCents: euros(2_900),
      remainingCents: euros(100_000),
    });
  });
});

describe('contractsByProvider', () => {
  it('given VHS Lüdinghausen with Bausteine IV and III, then its contracts are grouped and totalled', () => {
    const s = given(coesfeldInput, ...caseUntilApproval(), approvalNotice, contracts.caritas, contracts.vhsIII);
    expect(contractsByProvider(s.context).map((g) => [g.providerName, g.contracts.map((c) => c.module), g.totalCents])).toEqual([
      ['VHS Lüdinghausen', ['IV', 'III'], euros(85_000)],
      ['Caritasverband für den Kreis Coesfeld e.V.', ['VI'], euros(120_600)],
    ]);
  });
});

describe('deadlines', () => {
  it('given no approval, then there are none', () => {
    expect(deadlines(given(coesfeldInput, submit).context)).toEqual([]);
  });

  it('given the approval notice, then spend-by and proof of use, soonest first', () => {
    expect(deadlines(given(coesfeldInput, submit, approvalNotice).context)).toEqual([
      {
        name: 'spendBy:integrationspauschale',
        label: 'Integrationspauschale (§ 14c TIntG): zu verwenden bis',
        dueDate: '2021-11-30',
        dueAt: '2021-11-30T23:00:00.000Z',
        status: 'pending',
        overdue: false,
        note: null,
      },
      expect.objectContaining({ name: 'proofOfUseDue', dueDate: '2022-06-30', dueAt: '2022-06-30T22:00:00.000Z', status: 'pending' }),
    ]);
  });
});

/** The definition's steps, each with its reason: why it is blocked, or what it would do now (the hint). */
function allowedSteps(s: GrantSnapshot, at: string) {
  return grantSteps(s, at).map(({ event, allowed, violations }) => ({
    event,
    allowed,
    reason: allowed ? grantHint(s, event) : violations.map((v) => v.message).join(' '),
  }));
}

describe('next steps (steps and hints)', () => {
  /** Before the first spend-by date (30.11.2021), so SUBMIT's source check passes. */
  const NOW = '2020-09-10T09:00:00.000Z';
  const steps = (s: Parameters<typeof allowedSteps>[0]) =>
    Object.fromEntries(allowedSteps(s, NOW).map((x) => [x.event, x.allowed]));

  it('given a draft, then edit, measure start, submit, withdraw and the budget decision', () => {
    expect(steps(given(coesfeldInput))).toEqual({
      EDIT_APPLICATION: true,
      RECORD_MEASURE_START: true,
      SUBMIT: true,
      WITHDRAW: true,
      RECORD_BUDGET_ADOPTION: true,
    });
  });

  it('given a draft with too high an own share, then submit is not allowed and says why', () => {
    const s = given({ ...coesfeldInput, eligibleCostCents: euros(500_000) });
    const submitStep = allowedSteps(s, NOW).find((x) => x.event === 'SUBMIT');
    expect(submitStep).toMatchObject({ allowed: false });
    expect(submitStep?.reason).toContain('more than 20 %');
  });

  it('given submitted without early start, then contracts are not allowed; with it, only within its scope', () => {
    expect(steps(given(coesfeldInput, submit)).CONCLUDE_CONTRACT).toBe(false);
    const withEarlyStart = allowedSteps(given(coesfeldInput, submit, earlyStartVhs), NOW).find((x) => x.event === 'CONCLUDE_CONTRACT');
    expect(withEarlyStart).toMatchObject({ allowed: true, reason: 'Only within the early-start approval (module IV from 2020-08-17).' });
  });

  it('given an early-start contract, then withdrawal is not allowed', () => {
    expect(steps(given(coesfeldInput, ...caseUntilApproval())).WITHDRAW).toBe(false);
  });

  it('given approved, then own share spending names the blocked year', () => {
    const spendStep = allowedSteps(given(coesfeldInput, submit, approvalNotice), NOW).find((x) => x.event === 'SPEND_OWN_SHARE');
    expect(spendStep?.reason).toBe(
      'Own share open: 2020 13.500,00 EUR (spend by 2021-11-30). 2021 await(s) the budget decision.',
    );
  });

  it('given all funds called, then a further call is not allowed', () => {
    const s = given(coesfeldInput, ...caseUntilApproval(), approvalNotice, callFunds('MA-1', 465_600, '2020-11-02'));
    expect(steps(s).CALL_FUNDS).toBe(false);
    expect(steps(s).SUBMIT_PROOF_OF_USE).toBe(true);
  });

  it('given proof submitted, then close (and the budget decision, still open)', () => {
    const s = given(coesfeldInput, ...caseUntilApproval(), approvalNotice, callFunds('MA-1', 1_000, '2020-11-02'), proofOfUse);
    expect(steps(s)).toEqual({ CLOSE: true, RECORD_BUDGET_ADOPTION: true });
  });

  it('given a final state, then nothing', () => {
    const s = given(coesfeldInput, event({ type: 'WITHDRAW', reason: 'Landesinitiative nicht umgesetzt' }, on('2020-06-01')));
    expect(allowedSteps(s, NOW)).toEqual([]);
  });
});

describe('ownShareUsage', () => {
  const plan = [
    { year: 2020, ownShareCents: 1_000_00, source: { key: 'integrationspauschale' } },
    { year: 2021, ownShareCents: 2_000_00, source: { key: 'integrationspauschale' } },
  ];

  it('given live procedures, then their planned own shares are earmarked and their spendings counted per source and year', () => {
    const used = ownShareUsage([
      { state: 'approved', financing: plan, spendings: [{ year: 2020, amountCents: 400_00 }] },
      { state: 'submitted', financing: plan.slice(0, 1), spendings: [] },
    ]);
    expect(Object.fromEntries(used)).toEqual({
      'integrationspauschale@2020': { earmarkedCents: 2_000_00, spentCents: 400_00 },
      'integrationspauschale@2021': { earmarkedCents: 2_000_00, spentCents: 0 },
    });
  });

  it('given a rejected or withdrawn procedure, then it earmarks nothing, but what it spent stays spent; a spending in an unplanned year counts nowhere', () => {
    const used = ownShareUsage([
      { state: 'rejected', financing: plan, spendings: [] },
      { state: 'withdrawn', financing: plan, spendings: [{ year: 2020, amountCents: 50_00 }, { year: 2022, amountCents: 70_00 }] },
    ]);
    expect(Object.fromEntries(used)).toEqual({ 'integrationspauschale@2020': { earmarkedCents: 0, spentCents: 50_00 } });
  });
});
