/**
 * Creating a grant procedure: the plan's budget sources and the submission rules, checked by
 * `checkApplication` before the machine is started (GRANT.* codes, as the service reports them).
 */
import { checkApplication, type ApplicationDraft, type BudgetSourceFacts } from './application';
import { coesfeldInput, euros } from './fixtures';
import { GrantViolation } from './rules';

const AT = '2020-09-10T09:00:00.000Z';

/** The Integrationspauschale as the budget-sources table has it: 2021 subject to the budget. */
const pauschale: BudgetSourceFacts = {
  key: 'integrationspauschale',
  name: 'Integrationspauschale (§ 14c TIntG)',
  spendBy: '2021-11-30',
  years: [
    { year: 2020, amountCents: euros(200_000), earmarkedCents: euros(50_000), conditional: false },
    { year: 2021, amountCents: euros(200_000), earmarkedCents: 0, conditional: true },
  ],
};

const draft = (over: Partial<ApplicationDraft> = {}): ApplicationDraft => ({
  ...coesfeldInput,
  financing: coesfeldInput.financing.map((y) => ({
    year: y.year,
    totalCostCents: y.totalCostCents,
    stateShareCents: y.stateShareCents,
    ownShareCents: y.ownShareCents,
    sourceKey: pauschale.key,
    source: pauschale,
  })),
  ...over,
});
const codes = (d: ApplicationDraft) => checkApplication(d, AT).violations.map((v) => v.code);

describe('checkApplication', () => {
  it('given the Coesfeld plan and a source that covers it, then the input carries the source facts and the year’s condition', () => {
    const checked = checkApplication(draft(), AT);
    expect(checked.violations).toEqual([]);
    expect(checked.input?.financing.map((y) => [y.year, y.source.name, y.source.spendBy, y.conditional])).toEqual([
      [2020, pauschale.name, '2021-11-30', false],
      [2021, pauschale.name, '2021-11-30', true],
    ]);
  });

  it('when a year is named twice, then GRANT.FINANCING_YEAR_TWICE', () => {
    const [y2020] = draft().financing;
    expect(codes(draft({ financing: [y2020!, { ...y2020! }] }))).toEqual([GrantViolation.FINANCING_YEAR_TWICE]);
  });

  it('when a year names no known source, then GRANT.UNKNOWN_BUDGET_SOURCE', () => {
    const [y2020, y2021] = draft().financing;
    expect(codes(draft({ financing: [y2020!, { ...y2021!, sourceKey: 'kreismittel', source: null }] }))).toEqual([GrantViolation.UNKNOWN_BUDGET_SOURCE]);
  });

  it('when the source provides nothing for the year, then GRANT.SOURCE_YEAR_MISSING', () => {
    const [y2020, y2021] = draft().financing;
    expect(codes(draft({ financing: [y2020!, { ...y2021!, year: 2022 }] }))).toEqual([GrantViolation.SOURCE_YEAR_MISSING]);
  });

  it('when the own share exceeds what the source still has for the year, then GRANT.OWN_SHARE_NOT_COVERED, naming what is left', () => {
    const [y2020, y2021] = draft().financing;
    const costly = { ...y2020!, ownShareCents: euros(150_001), totalCostCents: euros(204_001) };
    const checked = checkApplication(draft({ financing: [costly, y2021!] }), AT);
    expect(checked.violations.map((v) => v.code)).toEqual([GrantViolation.OWN_SHARE_NOT_COVERED]);
    expect(checked.violations[0]?.message).toMatch(/150\.000,00 EUR of 200\.000,00 EUR are still available/);
  });

  it('when the plan breaks the submission rules, then every broken one is named, as SUBMIT would', () => {
    const checked = checkApplication(draft({ eligibleCostCents: euros(500_000), programme: ' ' }), AT);
    expect(checked.input).toBeNull();
    expect(checked.violations.map((v) => v.code)).toEqual([GrantViolation.APPLICATION_INCOMPLETE, GrantViolation.OWN_SHARE_TOO_HIGH]);
    expect(checked.violations[1]?.message).toMatch(/^The application could not be submitted: .*more than 20 %/);
  });

  it('when the source’s spend-by date has passed on the day of creation, then GRANT.SOURCE_EXPIRED', () => {
    expect(checkApplication(draft(), '2021-12-01T09:00:00.000Z').violations.map((v) => v.code)).toEqual([GrantViolation.SOURCE_EXPIRED]);
  });
});
