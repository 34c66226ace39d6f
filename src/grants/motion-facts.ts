import { Injectable } from '@nestjs/common';
import type { BudgetDecisionFacts, BudgetDecisionSource } from '../../workflows/grant';
import { adoptedKeys, statusOf, type MotionContext, type MotionStatus } from '../../workflows/motion';
import { DomainError, invalid } from '../common/problem';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, RequestContext } from '../engine/types';

/** The motion states in which its decision exists (Beschluss gefasst, in Umsetzung, erledigt). */
const DECIDED: readonly MotionStatus[] = ['decided', 'implementation', 'done'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A motion instance that has been decided with at least one proposal adopted. */
export function isAdoptedDecision(motion: Pick<InstanceRecord, 'workflowType' | 'state' | 'context'>): boolean {
  if (motion.workflowType !== 'motion') return false;
  const context = motion.context as MotionContext;
  return DECIDED.includes(statusOf(motion.state)) && context.decision != null && adoptedKeys(context).length > 0;
}

/**
 * What the grants module asks about motions. The answers go into the grant's events, so the log
 * records the decision a conditional year was released on; the client's word is never taken.
 */
@Injectable()
export class MotionFacts {
  constructor(private readonly engine: EngineService) {}

  /** The motion instance `id` of the caller's Körperschaft; 422 when there is none or it is no motion. */
  async motion(ctx: RequestContext, id: string): Promise<InstanceRecord> {
    const missing = invalid('GRANT.MOTION_NOT_FOUND', `There is no motion ${id} in your Körperschaft.`, { motionInstanceId: id });
    if (!UUID.test(id)) throw missing;
    const instance = await this.engine.get(ctx, id).catch((error: unknown) => {
      throw error instanceof DomainError && error.status === 404 ? missing : error;
    });
    if (instance.workflowType !== 'motion') {
      throw invalid('GRANT.NOT_A_MOTION', `Instance ${id} is a ${instance.workflowType} procedure, not a motion (Sitzungsvorlage).`, { motionInstanceId: id });
    }
    return instance;
  }

  /**
   * A budget decision as a fact for the grant machine. `budget` (the adopted budget statute) is
   * taken on its reference; `motion` must name a motion whose decision adopted a proposal.
   */
  async budgetDecision(ctx: RequestContext, source: BudgetDecisionSource, ref: string): Promise<BudgetDecisionFacts> {
    if (source === 'motion') {
      const motion = await this.motion(ctx, ref);
      if (!isAdoptedDecision(motion)) {
        throw invalid('GRANT.MOTION_NOT_DECIDED', `Motion ${ref} has no decision that adopted a proposal (it is ${JSON.stringify(motion.state)}); it cannot release a conditional budget year.`, {
          motionInstanceId: ref,
          motionState: motion.state,
        });
      }
    }
    return { recorded: true, source, ref };
  }
}
