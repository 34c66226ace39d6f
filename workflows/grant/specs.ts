import { guardsFor, rulesKit } from '../shared/rules-kit';
import * as r from './rules';
import type { GrantContext, GrantEvent } from './types';

/**
 * Every named guard of the grant machine, as the rules behind it (stages: see
 * shared/rules-kit.ts). The machine's guards, `explain` and `steps` all come from this one table.
 */
const guard = guardsFor<GrantContext, GrantEvent>();

const approvalNotice = { rules: [r.approvalNoticeValid] };

export const grantRules = rulesKit(
  {
    applicationReady: guard(['SUBMIT'], { pre: [...r.submitRules] }),
    earlyStartInScope: guard(['APPROVE_EARLY_START'], { rules: [r.earlyStartScopeInGrant] }),
    measureInGrant: guard(['RECORD_MEASURE_START'], { rules: [r.measureModuleInGrant] }),
    /** Contracts concluded under an early start: the notice moves the procedure straight on to contracting. */
    approvalAfterEarlyContracts: guard(['APPROVAL_NOTICE'], approvalNotice, { event: (c) => c.contracts.length > 0 }),
    approvalNoticeValid: guard(['APPROVAL_NOTICE'], approvalNotice, { event: (c) => c.contracts.length === 0 }),
    withdrawable: guard(['WITHDRAW'], { pre: [r.noContractsConcluded] }),
    contractAllowed: guard(['CONCLUDE_CONTRACT'], {
      pre: [r.withinContractCeiling, r.contractBasisPossible],
      rules: [r.contractAmountValid, r.contractIdUnique, r.contractModuleInGrant, r.contractHasBasis, r.providerSelected, r.contractsWithinApproval],
    }),
    ownShareSpendable: guard(['SPEND_OWN_SHARE'], {
      pre: [r.ownShareLeft],
      rules: [r.spendingDecisionAdopted, r.spendingAmountValid, r.financingYearExists, r.sourceNotExpired, r.budgetAdoptedForYear, r.ownShareAvailable],
    }),
    budgetConditionOpen: guard(['RECORD_BUDGET_ADOPTION'], {
      pre: [r.budgetDecisionAwaited],
      rules: [r.budgetDecisionAdopted, r.financingYearExists, r.budgetConditionOpen],
    }),
    fundCallAllowed: guard(['CALL_FUNDS'], { pre: [r.withinFundCallCeiling], rules: [r.fundCallAmountValid, r.fundCallIdUnique, r.fundCallsWithinApproval] }),
    deadlinePending: guard(['DEADLINE_REACHED'], { rules: [r.deadlinePending] }),
  },
  { system: ['DEADLINE_REACHED'] },
);
