import { Injectable } from '@nestjs/common';
import type { BudgetDecisionFacts, BudgetDecisionSource } from '../../workflows/grant';
import { hasAdoptedDecision, type MotionContext } from '../../workflows/motion';
import { DomainError, invalid } from '../common/problem';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, RequestContext } from '../engine/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A motion instance that has been decided with at least one proposal adopted (the motion workflow's query). */
export function isAdoptedDecision(motion: Pick<InstanceRecord, 'workflowType' | 'context'>): boolean {
  return motion.workflowType === 'motion' && hasAdoptedDecision(motion.context as MotionContext);
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
   * taken on its reference; for `motion`, `adopted` says whether its decision adopted a proposal:
   * the grant machine refuses a motion that did not (GRANT.MOTION_NOT_DECIDED).
   */
  async budgetDecision(ctx: RequestContext, source: BudgetDecisionSource, ref: string): Promise<BudgetDecisionFacts> {
    const adopted = source === 'motion' ? isAdoptedDecision(await this.motion(ctx, ref)) : true;
    return { recorded: true, source, ref, adopted };
  }
}
