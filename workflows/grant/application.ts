/**
 * The rules an application must meet before a grant procedure is created: each financing year
 * names a budget source that provides for that year and still has the own share available, and
 * the application as a whole already passes the submission rules (SUBMIT). Pure: the service
 * looks up the sources (with what is already earmarked) and passes them in.
 */
import type { Violation } from '../definition';
import { euro } from './derive';
import { initialContext } from './machine';
import { GrantViolation, submitRules } from './rules';
import type { FinancingYear, GrantInput } from './types';

/** A budget source as the service finds it, with what each year still has. */
export interface BudgetSourceFacts {
  key: string;
  name: string;
  spendBy: string;
  years: { year: number; amountCents: number; earmarkedCents: number; conditional: boolean }[];
}

/** One year of the plan as entered, with the source it names (null when there is none). */
export interface FinancingYearDraft {
  year: number;
  totalCostCents: number;
  stateShareCents: number;
  ownShareCents: number;
  sourceKey: string;
  source: BudgetSourceFacts | null;
}

export type ApplicationDraft = Omit<GrantInput, 'financing'> & { financing: FinancingYearDraft[] };

export type ApplicationCheck = { input: GrantInput; violations: [] } | { input: null; violations: Violation[] };

const fail = (code: string, message: string): Violation => ({ code, message });

/**
 * The machine's input built from the draft, or every reason it cannot be: first the plan's years
 * and sources (the first problem), then the submission rules judged at `at`, all together.
 */
export function checkApplication(draft: ApplicationDraft, at: string): ApplicationCheck {
  const years = draft.financing.map((y) => y.year);
  const twice = [...new Set(years.filter((y, i) => years.indexOf(y) !== i))];
  if (twice.length) return refused(fail(GrantViolation.FINANCING_YEAR_TWICE, `The financing plan names ${twice.join(', ')} more than once.`));
  const financing: FinancingYear[] = [];
  for (const y of draft.financing) {
    const planned = financingYear(y);
    if ('code' in planned) return refused(planned);
    financing.push(planned);
  }
  const input: GrantInput = { ...draft, financing };
  const found = submitRules.flatMap((rule) => rule(initialContext(input), { at }) ?? []);
  return found.length
    ? { input: null, violations: found.map((v) => ({ code: v.code, message: `The application could not be submitted: ${v.message}` })) }
    : { input, violations: [] };
}

const refused = (v: Violation): ApplicationCheck => ({ input: null, violations: [v] });

/** One year of the plan with its source's facts, or why the source cannot cover it. */
function financingYear(y: FinancingYearDraft): FinancingYear | Violation {
  const source = y.source;
  if (!source) return fail(GrantViolation.UNKNOWN_BUDGET_SOURCE, `There is no budget source "${y.sourceKey}" (see GET /budget-sources).`);
  const available = source.years.find((s) => s.year === y.year);
  if (!available) {
    return fail(GrantViolation.SOURCE_YEAR_MISSING, `${source.name} provides nothing for ${y.year} (years: ${source.years.map((s) => s.year).join(', ') || 'none'}).`);
  }
  const left = available.amountCents - available.earmarkedCents;
  if (y.ownShareCents > left) {
    return fail(
      GrantViolation.OWN_SHARE_NOT_COVERED,
      `The own share ${euro(y.ownShareCents)} for ${y.year} is not covered by ${source.name}: ${euro(left)} of ${euro(available.amountCents)} are still available.`,
    );
  }
  return {
    year: y.year,
    totalCostCents: y.totalCostCents,
    stateShareCents: y.stateShareCents,
    ownShareCents: y.ownShareCents,
    source: { key: source.key, name: source.name, spendBy: source.spendBy },
    conditional: available.conditional,
  };
}
