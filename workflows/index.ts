import type { WorkflowDefinition } from './definition';
import { grantWorkflow } from './grant';
import { meetingWorkflow } from './meeting';
import { motionWorkflow } from './motion';
import { sampleWorkflow } from './sample';
import { selectionWorkflow } from './selection';

/**
 * Every machine version the engine can run. Keep old versions here when a machine changes:
 * instances stay on the version they started with, so their definitions must stay loadable.
 */
export const allWorkflows: readonly WorkflowDefinition[] = [sampleWorkflow, motionWorkflow, selectionWorkflow, grantWorkflow, meetingWorkflow];

export type { Violation, WorkflowDefinition } from './definition';
