/**
 * Every rule, positively and negatively. A refusal leaves the snapshot unchanged and
 * `explain` names the violated rule by its stable code.
 */
import { grantWorkflow, GrantViolation } from './index';
import type { GrantSnapshot } from './machine';
import {
  approvalNotice,
  budgetAdoption2021,
  callFunds,
  caseUntilApproval,
  coesfeldInput,
  contract,
  contracts,
  deadlineReached,
  earlyStartVhs,
  euros,
  event,
  given,
  on,
  providers,
  spend,
  submit,
  when,
} from './fixtures';
import type { GrantEvent, GrantInput } from './types';

const explain = (snapshot: GrantSnapshot, e: GrantEvent) => grantWorkflow.explain(snapshot, e);

/** Then: the event is refused, nothing changes, and explain names exactly these codes. */
function expectRefused(snapshot: GrantSnapshot, e: GrantEvent, ...codes: string[]) {
  const { next, refused } = when(snapshot, e);
  expect(refused).toBe(true);
  expect(next.context).toEqual(snapshot.context);
  expect(explain(snapshot, e).map((v) => v.code)).toEqual(codes);
}

/** Then: the event is accepted and explain has nothing to say against it. */
function expectAccepted(snapshot: GrantSnapshot, e: GrantEvent): GrantSnapshot {
  expect(explain(snapshot, e)).toEqual([]);
  const { next, refused } = when(snapshot, e);
  expect(refused).toBe(false);
  return next;
}

/** A motion's instance id, as the facts pass it in `ref`; messages must name the motion by its reference instead. */
const MOTION_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const withInput = (change: Partial<GrantInput>): GrantInput => ({ ...coesfeldInput, ...change });
const [year2020, year2021] = coesfeldInput.financing as [GrantInput['financing'][0], GrantInput['financing'][0]];

describe('SUBMIT: the application', () => {
  it('given the case financing (own share exactly 20 %), when submitted, then it is accepted', () => {
    expect(expectAccepted(given(coesfeldInput), submit).value).toBe('submitted');
  });

  it('given an own share one cent over 20 % of the eligible cost, then GRANT.OWN_SHARE_TOO_HIGH', () => {
    const input = withInput({ eligibleCostCents: euros(582_000) - 1 });
    expectRefused(given(input), submit, GrantViolation.OWN_SHARE_TOO_HIGH);
  });

  it('given no modules and no financing plan, then GRANT.APPLICATION_INCOMPLETE', () => {
    expectRefused(given(withInput({ modules: [], financing: [] })), submit, GrantViolation.APPLICATION_INCOMPLETE);
  });

  it('given an amount that is not whole cents, then GRANT.INVALID_AMOUNT', () => {
    expectRefused(given(withInput({ requestedCents: 10.5 })), submit, GrantViolation.INVALID_AMOUNT);
  });

  it('given a spend-by date that is not YYYY-MM-DD, then GRANT.INVALID_DATE', () => {
    const financing = [{ ...year2020, source: { ...year2020.source, spendBy: '30.11.2021' } }, year2021];
    expectRefused(given(withInput({ financing })), submit, GrantViolation.INVALID_DATE);
  });

  it('given a year whose shares do not add up to its total cost, then GRANT.FINANCING_UNBALANCED', () => {
    const financing = [{ ...year2020, totalCostCents: year2020.totalCostCents + 1 }, year2021];
    expectRefused(given(withInput({ financing })), submit, GrantViolation.FINANCING_UNBALANCED);
  });

  it('given the Integrationspauschale expired on 30.11.2021, when submitted on 01.12.2021, then GRANT.SOURCE_EXPIRED', () => {
    expectRefused(given(coesfeldInput), event({ type: 'SUBMIT' }, on('2021-12-01')), GrantViolation.SOURCE_EXPIRED);
  });
});

describe('APPROVE_EARLY_START: scope within the grant', () => {
  const submitted = () => given(coesfeldInput, submit);

  it('given the VHS early start for Baustein IV, then it is recorded', () => {
    expect(expectAccepted(submitted(), earlyStartVhs).context.earlyStarts).toHaveLength(1);
  });

  it('given a module outside the grant or no module at all, then GRANT.MODULE_NOT_IN_GRANT', () => {
    const scope = { ...earlyStartVhs.scope, modules: ['V'] };
    expectRefused(submitted(), { ...earlyStartVhs, scope }, GrantViolation.MODULE_NOT_IN_GRANT);
    expectRefused(submitted(), { ...earlyStartVhs, scope: { ...scope, modules: [] } }, GrantViolation.MODULE_NOT_IN_GRANT);
  });

  it('given a date that is not a calendar date, then GRANT.INVALID_DATE', () => {
    expectRefused(submitted(), { ...earlyStartVhs, date: '2020-08-32' }, GrantViolation.INVALID_DATE);
  });
});

describe('RECORD_MEASURE_START: a module of the grant', () => {
  const start = (module: string, startedAt = '2020-08-17') =>
    event({ type: 'RECORD_MEASURE_START', providerId: 'vhs-luedinghausen', module, startedAt }, on(startedAt));

  it('given a module of the grant, then it is recorded', () => {
    expectAccepted(given(coesfeldInput, submit, earlyStartVhs), start('IV'));
  });

  it('given Baustein V (not in this grant), then GRANT.MODULE_NOT_IN_GRANT', () => {
    expectRefused(given(coesfeldInput, submit), start('V'), GrantViolation.MODULE_NOT_IN_GRANT);
  });

  it('given a start date that is not a calendar date, then GRANT.INVALID_DATE', () => {
    expectRefused(given(coesfeldInput, submit), start('IV', '17.08.2020'), GrantViolation.INVALID_DATE);
  });
});

describe('APPROVAL_NOTICE: amount and dates', () => {
  it('given a positive approved amount, then it is recorded', () => {
    expect(expectAccepted(given(coesfeldInput, submit), approvalNotice).value).toBe('approved');
  });

  it('given an approved amount of 0, then GRANT.INVALID_AMOUNT', () => {
    expectRefused(given(coesfeldInput, submit), { ...approvalNotice, approvedCents: 0 }, GrantViolation.INVALID_AMOUNT);
  });

  it('given a proof-of-use due date that is not a calendar date, then GRANT.INVALID_DATE', () => {
    expectRefused(given(coesfeldInput, submit), { ...approvalNotice, proofOfUseDue: 'soon' }, GrantViolation.INVALID_DATE);
  });
});

describe('WITHDRAW: only before any forwarding contract', () => {
  const withdraw = event({ type: 'WITHDRAW', reason: 'Maßnahme entfällt' }, on('2020-09-01'));

  it('given a submitted application without contracts, then it is withdrawn', () => {
    expect(expectAccepted(given(coesfeldInput, submit, earlyStartVhs), withdraw).value).toBe('withdrawn');
  });

  it('given a contract under the early start, then GRANT.CONTRACTS_CONCLUDED', () => {
    expectRefused(given(coesfeldInput, ...caseUntilApproval()), withdraw, GrantViolation.CONTRACTS_CONCLUDED);
  });
});

describe('CONCLUDE_CONTRACT: Weiterleitungsverträge', () => {
  const approved = () => given(coesfeldInput, submit, approvalNotice);

  describe('no contract before the approval notice unless an early start covers it', () => {
    it('given no approval notice and no early start, then GRANT.NO_APPROVAL_NOTICE', () => {
      expectRefused(given(coesfeldInput, submit), contracts.vhsIV, GrantViolation.NO_APPROVAL_NOTICE);
    });

    it('given the early start for VHS / Baustein IV, when VHS contracts Baustein IV on 17.08.2020, then it is accepted', () => {
      const next = expectAccepted(given(coesfeldInput, submit, earlyStartVhs), contracts.vhsIV);
      expect(next.value).toBe('submitted');
      expect(next.context.contracts[0]?.basis).toBe('earlyStart');
    });

    it('given the early start, when another provider contracts Baustein IV, then GRANT.NO_APPROVAL_NOTICE', () => {
      const other = contract('WV-IV-2', providers.kurse, 'IV', 20_000, on('2020-08-17'));
      expectRefused(given(coesfeldInput, submit, earlyStartVhs), other, GrantViolation.NO_APPROVAL_NOTICE);
    });

    it('given the early start for Baustein IV, when VHS contracts Baustein III, then GRANT.NO_APPROVAL_NOTICE', () => {
      const iii = contract('WV-III-1', providers.vhs, 'III', 60_000, on('2020-08-17'));
      expectRefused(given(coesfeldInput, submit, earlyStartVhs), iii, GrantViolation.NO_APPROVAL_NOTICE);
    });

    it('given the early start from 17.08.2020, when VHS contracts on 14.08.2020, then GRANT.NO_APPROVAL_NOTICE', () => {
      const early = { ...contracts.vhsIV, at: on('2020-08-14') };
      expectRefused(given(coesfeldInput, submit, earlyStartVhs), early, GrantViolation.NO_APPROVAL_NOTICE);
    });

    it('given the approval notice, then any selected provider may contract', () => {
      expect(expectAccepted(approved(), contracts.caritas).value).toBe('contracting');
    });
  });

  describe('only providers selected in a decided selection procedure for the module', () => {
    it('given a provider that was not selected for the module, then GRANT.PROVIDER_NOT_SELECTED', () => {
      const wrong = contract('WV-VI-9', providers.vhs, 'VI', 10_000, on('2020-10-12'));
      expectRefused(approved(), wrong, GrantViolation.PROVIDER_NOT_SELECTED);
    });

    it('given a selection procedure that is not decided yet, then GRANT.PROVIDER_NOT_SELECTED', () => {
      const undecided = { ...contracts.coachingA, selection: { decided: false, selectedProviderIds: ['traeger-a'] } };
      expectRefused(approved(), undecided, GrantViolation.PROVIDER_NOT_SELECTED);
    });
  });

  describe('the contracts stay within the approved amount', () => {
    const allButCaritas = [contracts.vhsIV, contracts.kurseIV, contracts.vhsIII, contracts.coachingA, contracts.coachingB, contracts.sprache];

    it('given contracts for exactly the approved 465.600 EUR, then all are accepted', () => {
      expectAccepted(given(coesfeldInput, submit, approvalNotice, ...allButCaritas), contracts.caritas);
    });

    it('given one cent more than approved, then GRANT.CONTRACTS_EXCEED_APPROVAL', () => {
      const over = { ...contracts.caritas, amountCents: contracts.caritas.amountCents + 1 };
      expectRefused(given(coesfeldInput, submit, approvalNotice, ...allButCaritas), over, GrantViolation.CONTRACTS_EXCEED_APPROVAL);
    });

    it('given no approval yet, then the early-start contracts are bounded by the requested amount', () => {
      const huge = { ...contracts.vhsIV, amountCents: coesfeldInput.requestedCents + 1 };
      expectRefused(given(coesfeldInput, submit, earlyStartVhs), huge, GrantViolation.CONTRACTS_EXCEED_APPROVAL);
    });
  });

  it('given an amount of 0, then GRANT.INVALID_AMOUNT', () => {
    expectRefused(approved(), { ...contracts.caritas, amountCents: 0 }, GrantViolation.INVALID_AMOUNT);
  });

  it('given the same contract id twice, then GRANT.DUPLICATE_CONTRACT', () => {
    expectRefused(given(coesfeldInput, submit, approvalNotice, contracts.caritas), contracts.caritas, GrantViolation.DUPLICATE_CONTRACT);
  });

  it('given a module outside the grant, then GRANT.MODULE_NOT_IN_GRANT (and no selection for it)', () => {
    const v = contract('WV-V-1', providers.vhs, 'V', 1_000, on('2020-10-12'));
    expectRefused(approved(), v, GrantViolation.MODULE_NOT_IN_GRANT, GrantViolation.PROVIDER_NOT_SELECTED);
  });
});

describe('SPEND_OWN_SHARE: Eigenanteil from the Integrationspauschale', () => {
  const approved = () => given(coesfeldInput, submit, approvalNotice);

  it('given 2020 (unconditional), when the full 13.500 EUR are spent, then it is accepted', () => {
    expectAccepted(approved(), spend(2020, 13_500, on('2020-12-01')));
  });

  it('given 2020, when 13.500,01 EUR are spent, then GRANT.OWN_SHARE_EXCEEDED', () => {
    const e = { ...spend(2020, 13_500, on('2020-12-01')), amountCents: euros(13_500) + 1 };
    expectRefused(approved(), e, GrantViolation.OWN_SHARE_EXCEEDED);
  });

  it('given part of 2020 spent, when more than the rest is spent, then GRANT.OWN_SHARE_EXCEEDED', () => {
    expectRefused(
      given(coesfeldInput, submit, approvalNotice, spend(2020, 10_000, on('2020-11-01'))),
      spend(2020, 3_501, on('2020-12-01')),
      GrantViolation.OWN_SHARE_EXCEEDED,
    );
  });

  it('given 2021 subject to the budget deliberations, when spent without a budget decision, then GRANT.BUDGET_NOT_ADOPTED', () => {
    expectRefused(approved(), spend(2021, 50_000, on('2021-03-01')), GrantViolation.BUDGET_NOT_ADOPTED);
  });

  it('given the budget adoption recorded, when 2021 is spent, then it is accepted', () => {
    expectAccepted(given(coesfeldInput, submit, approvalNotice, budgetAdoption2021), spend(2021, 50_000, on('2021-03-01')));
  });

  it('given the budget decision passed in as a fact, when 2021 is spent, then it is accepted and the adoption recorded', () => {
    const decision = { recorded: true, source: 'motion' as const, ref: 'Kreistag 16.12.2020, TOP 7', adopted: true };
    const next = expectAccepted(approved(), spend(2021, 50_000, on('2021-03-01'), decision));
    expect(next.context.budgetAdoptions).toEqual([{ year: 2021, source: 'motion', ref: decision.ref, recordedAt: on('2021-03-01') }]);
  });

  it('given a budget decision fact that is not recorded, then GRANT.BUDGET_NOT_ADOPTED', () => {
    const decision = { recorded: false, source: 'budget' as const, ref: 'Haushalt 2021', adopted: true };
    expectRefused(approved(), spend(2021, 50_000, on('2021-03-01'), decision), GrantViolation.BUDGET_NOT_ADOPTED);
  });

  it('given a motion passed as the budget decision that adopted nothing, when 2021 is spent, then GRANT.MOTION_NOT_DECIDED naming the motion by its reference, and nothing is recorded', () => {
    const decision = { recorded: true, source: 'motion' as const, ref: MOTION_ID, reference: 'SV-10-0042', adopted: false };
    expectRefused(approved(), spend(2021, 50_000, on('2021-03-01'), decision), GrantViolation.MOTION_NOT_DECIDED);
    const [violation] = explain(approved(), spend(2021, 50_000, on('2021-03-01'), decision));
    expect(violation?.message).toBe('Motion SV-10-0042 has no decision that adopted a proposal; it cannot release a conditional budget year.');
    expect(violation?.message).not.toMatch(UUID);
  });

  describe('the spend-by date 30.11.2021 in Berlin', () => {
    const adopted = () => given(coesfeldInput, submit, approvalNotice, budgetAdoption2021);

    it('given 23:30 Berlin time on 30.11.2021, then it is accepted', () => {
      expectAccepted(adopted(), spend(2021, 1_000, '2021-11-30T22:30:00.000Z'));
    });

    it('given 00:00 Berlin time on 01.12.2021, then GRANT.SOURCE_EXPIRED', () => {
      expectRefused(adopted(), spend(2021, 1_000, '2021-11-30T23:00:00.000Z'), GrantViolation.SOURCE_EXPIRED);
    });

    it('given an instant the engine could not have produced, then GRANT.INVALID_DATE', () => {
      expectRefused(adopted(), spend(2021, 1_000, 'yesterday'), GrantViolation.INVALID_DATE);
    });
  });

  it('given a year not in the financing plan, then GRANT.UNKNOWN_YEAR', () => {
    expectRefused(approved(), spend(2022, 1, on('2021-01-10')), GrantViolation.UNKNOWN_YEAR);
  });

  it('given a negative amount, then GRANT.INVALID_AMOUNT', () => {
    expectRefused(approved(), spend(2020, -5, on('2020-12-01')), GrantViolation.INVALID_AMOUNT);
  });
});

describe('RECORD_BUDGET_ADOPTION: lifts a year’s budget condition', () => {
  it('given 2021 conditional, then the adoption is recorded', () => {
    expectAccepted(given(coesfeldInput, submit), budgetAdoption2021);
  });

  it('given 2020 (not conditional), then GRANT.NO_BUDGET_CONDITION', () => {
    expectRefused(given(coesfeldInput, submit), { ...budgetAdoption2021, year: 2020 }, GrantViolation.NO_BUDGET_CONDITION);
  });

  it('given 2021 already adopted, then GRANT.NO_BUDGET_CONDITION', () => {
    expectRefused(given(coesfeldInput, submit, budgetAdoption2021), budgetAdoption2021, GrantViolation.NO_BUDGET_CONDITION);
  });

  it('given a year not in the plan, then GRANT.UNKNOWN_YEAR', () => {
    expectRefused(given(coesfeldInput, submit), { ...budgetAdoption2021, year: 2019 }, GrantViolation.UNKNOWN_YEAR);
  });

  it('given 2021 conditional, when the motion named as the decision adopted nothing, then GRANT.MOTION_NOT_DECIDED naming it by its reference', () => {
    const adoption = { ...budgetAdoption2021, source: 'motion' as const, ref: MOTION_ID, reference: 'SV-10-0042', adopted: false };
    expectRefused(given(coesfeldInput, submit), adoption, GrantViolation.MOTION_NOT_DECIDED);
    const [violation] = explain(given(coesfeldInput, submit), adoption);
    expect(violation?.message).toMatch(/^Motion SV-10-0042 has no decision/);
    expect(violation?.message).not.toMatch(UUID);
  });
});

describe('CALL_FUNDS: Mittelabruf within the approved amount', () => {
  const contracting = () => given(coesfeldInput, ...caseUntilApproval(), approvalNotice);

  it('given the approved 465.600 EUR, when all of it is called in two calls, then both are accepted', () => {
    const first = expectAccepted(contracting(), callFunds('MA-1', 200_000, '2020-11-02'));
    expect(expectAccepted(first, callFunds('MA-2', 265_600, '2021-03-01')).value).toBe('fundsCalled');
  });

  it('given one cent over the approved amount, then GRANT.FUND_CALLS_EXCEED_APPROVAL', () => {
    const e = { ...callFunds('MA-1', 465_600, '2020-11-02'), amountCents: euros(465_600) + 1 };
    expectRefused(contracting(), e, GrantViolation.FUND_CALLS_EXCEED_APPROVAL);
  });

  it('given the same call id twice, then GRANT.DUPLICATE_FUND_CALL', () => {
    const once = given(coesfeldInput, ...caseUntilApproval(), approvalNotice, callFunds('MA-1', 1_000, '2020-11-02'));
    expectRefused(once, callFunds('MA-1', 1_000, '2020-11-03'), GrantViolation.DUPLICATE_FUND_CALL);
  });

  it('given an amount of 0 or a bad date, then GRANT.INVALID_AMOUNT / GRANT.INVALID_DATE', () => {
    expectRefused(contracting(), callFunds('MA-1', 0, '2020-11-02'), GrantViolation.INVALID_AMOUNT);
    expectRefused(contracting(), { ...callFunds('MA-1', 1, '2020-11-02'), date: '2.11.2020' }, GrantViolation.INVALID_DATE);
  });
});

describe('DEADLINE_REACHED: only for a pending deadline', () => {
  const approved = () => given(coesfeldInput, submit, approvalNotice);

  it('given the pending spend-by deadline, then it is recorded', () => {
    expectAccepted(approved(), deadlineReached('spendBy:integrationspauschale', '2021-11-30T23:00:00.000Z'));
  });

  it('given an unknown or already reached deadline, then GRANT.UNKNOWN_DEADLINE', () => {
    const reached = deadlineReached('spendBy:integrationspauschale', '2021-11-30T23:00:00.000Z');
    expectRefused(approved(), deadlineReached('callDeadline', on('2021-01-01')), GrantViolation.UNKNOWN_DEADLINE);
    expectRefused(given(coesfeldInput, submit, approvalNotice, reached), reached, GrantViolation.UNKNOWN_DEADLINE);
  });
});

describe('explain', () => {
  it('given an event the current state does not handle, then it has nothing specific to say', () => {
    expect(explain(given(coesfeldInput), contracts.caritas)).toEqual([]);
    expect(explain(given(coesfeldInput, submit), callFunds('MA-1', 1, '2020-11-02'))).toEqual([]);
  });

  it('given several broken payload rules, then it names all of them', () => {
    const e = { ...contracts.coachingA, amountCents: 0, selection: { decided: false, selectedProviderIds: [] } };
    expect(explain(given(coesfeldInput, submit, earlyStartVhs), e).map((v) => v.code)).toEqual([
      GrantViolation.INVALID_AMOUNT,
      GrantViolation.NO_APPROVAL_NOTICE,
      GrantViolation.PROVIDER_NOT_SELECTED,
    ]);
  });

  it('given no approval notice and no early start, then the procedure itself rules a contract out, before its payload is judged', () => {
    const e = { ...contracts.coachingA, amountCents: 0, selection: { decided: false, selectedProviderIds: [] } };
    expect(explain(given(coesfeldInput, submit), e).map((v) => v.code)).toEqual([GrantViolation.NO_APPROVAL_NOTICE]);
  });
});
