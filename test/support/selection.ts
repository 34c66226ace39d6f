/**
 * Test support for the selection HTTP specs: the register (programme, module VI, providers), a
 * committee with a meeting, and procedures brought over HTTP to each stage of the module VI case
 * (workflows/selection/fixtures.ts and scenario.ts), with the test clock left where the stage's
 * next command happens.
 */
import { formatHundredths, type SelectionSetup } from '../../workflows/selection';
import { COESFELD_MUNICIPALITIES, MODULE_VI, PROGRAMME, evenShares } from '../../workflows/selection/fixtures';
import { CARITAS_MARKS, EVALUATORS, T } from '../../workflows/selection/scenario';
import type { TestApp } from './app';

export type SelectionStage =
  /** created, clock at T.drafted */
  | 'draft'
  /** published, clock at T.received (before the deadline) */
  | 'receiving'
  /** published with no declaration, clock after the deadline: the next command closes the call first */
  | 'dueEmpty'
  /** published with the Caritas declaration D-1, clock after the deadline: the next command closes the call first */
  | 'due'
  /** D-1 declared, closed by hand, clock after the deadline */
  | 'closed'
  /** evaluation started, nothing scored, clock at T.evaluation */
  | 'evaluation'
  /** D-1 scored on every criterion by both evaluators */
  | 'scored'
  /** talks started and D-1's talk recorded, clock at T.talks */
  | 'talks'
  /** Caritas selected for the 1.50 FTE over all municipalities, clock at T.staffed */
  | 'selected'
  /** Caritas selected as a pilot phase: 0.50 FTE in Dülmen, 1.00 unallocated, clock at T.staffed */
  | 'pilot'
  /** the committee informed, clock at T.completed */
  | 'informed';

const ORDER: readonly SelectionStage[] = ['draft', 'receiving', 'closed', 'evaluation', 'scored', 'talks', 'pilot', 'selected', 'informed'];

export interface SelectionKit {
  providers: { caritas: string; kolping: string };
  committee: { bodyId: string; meetingId: string };
  /** A new module VI procedure at the stage. */
  procedure(stage: SelectionStage): Promise<{ id: string }>;
  /** A valid DECIDE_SELECTION body: Caritas for the 1.50 FTE, spread over all municipalities (also a valid roll-out allocation after the pilot). */
  decision(): { selectedProviderIds: string[]; allocation: { providerId: string; municipality: string; fte: string }[] };
}

export function setupBody(setup: SelectionSetup): Record<string, unknown> {
  return {
    module: setup.module,
    title: setup.title,
    callText: setup.callText,
    deadline: setup.deadline,
    criteria: setup.criteria.map((c) => ({ key: c.key, name: c.name, weight: formatHundredths(c.weightBp) })),
    scaleMax: setup.scaleMax,
    requiredEvaluators: setup.requiredEvaluators,
    fte: formatHundredths(setup.fteAvailableHundredths),
    municipalities: [...setup.municipalities],
  };
}

/** Registers what the procedures need (once per app). */
export async function selectionKit(t: TestApp): Promise<SelectionKit> {
  const call = async <R>(method: 'post' | 'patch', path: string, body: object = {}, role: 'office' | 'clerk' = 'office'): Promise<R> => {
    const res = await t.http[method](path).set('Authorization', t.auth(role)).send(body);
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as R;
  };
  const at = (when: string) => t.clock.set(when);

  at(T.drafted);
  const programme = await call<{ id: string }>('post', '/selection/programmes', { name: PROGRAMME });
  await call('post', `/selection/programmes/${programme.id}/modules`, { code: MODULE_VI.module, title: MODULE_VI.title });
  const providers = {
    caritas: (await call<{ id: string }>('post', '/selection/providers', { name: 'Caritasverband für den Kreis Coesfeld e.V.', legalForm: 'eingetragener Verein' })).id,
    kolping: (await call<{ id: string }>('post', '/selection/providers', { name: 'Kolping-Bildungswerk', legalForm: 'gemeinnützige GmbH' })).id,
  };
  const bodyId = (await call<{ id: string }>('post', '/bodies', { name: 'Integrationsausschuss', kind: 'ausschuss', statutoryMembers: 19, invitationPeriodDays: 6, urgentInvitationPeriodDays: 3 }, 'clerk')).id;
  const meetingId = (await call<{ id: string }>('post', '/meetings', { bodyId, start: '2020-05-27T17:00:00+02:00', location: 'Kreishaus Coesfeld' }, 'clerk')).id;

  const decision = () => ({
    selectedProviderIds: [providers.caritas],
    allocation: evenShares(MODULE_VI.fteAvailableHundredths, COESFELD_MUNICIPALITIES).map((s) => ({ providerId: providers.caritas, municipality: s.municipality, fte: formatHundredths(s.fteHundredths) })),
  });

  async function procedure(stage: SelectionStage): Promise<{ id: string }> {
    at(T.drafted);
    const { id } = await call<{ id: string }>('post', '/selection/procedures', setupBody(MODULE_VI));
    const path = `/selection/procedures/${id}`;
    const step = (when: string, to: string, body?: object) => {
      at(when);
      return call('post', `${path}/${to}`, body);
    };
    if (stage === 'draft') return { id };
    await step(T.published, 'publish');
    at(T.received);
    if (stage === 'receiving') return { id };
    if (stage === 'dueEmpty') {
      at(T.afterDeadline);
      return { id };
    }
    await step(T.received, 'declarations', { providerId: providers.caritas, concept: 'Teilhabemanagement in allen elf Kommunen', receivedAt: T.received, municipalities: COESFELD_MUNICIPALITIES });
    if (stage === 'due') {
      at(T.afterDeadline);
      return { id };
    }
    const reached = (s: SelectionStage) => ORDER.indexOf(stage) >= ORDER.indexOf(s);
    await step(T.afterDeadline, 'close');
    if (!reached('evaluation')) return { id };
    await step(T.evaluation, 'start-evaluation');
    if (!reached('scored')) return { id };
    for (const [criterionKey, points] of Object.entries(CARITAS_MARKS)) {
      for (const [i, evaluatorId] of EVALUATORS.entries()) await step(T.evaluation, 'scores', { declarationId: 'D-1', criterionKey, evaluatorId, points: points[i], comment: `${criterionKey}: ${points[i]}` });
    }
    if (!reached('talks')) return { id };
    await step(T.talks, 'start-talks');
    await step(T.talks, 'talks', { declarationId: 'D-1', date: '2020-04-15', participants: ['KI', 'Jobcenter', 'Caritasverband'], resultNote: 'Start mit 0,5 Stellen zum 01.05.2020.' });
    if (!reached('selected') && stage !== 'pilot') return { id };
    if (stage === 'pilot') {
      await step(T.decided, 'decision', { selectedProviderIds: [providers.caritas], allocation: [{ providerId: providers.caritas, municipality: 'Dülmen', fte: '0.50' }], pilotMunicipalities: ['Dülmen'] });
      at(T.staffed);
      return { id };
    }
    await step(T.decided, 'decision', decision());
    at(T.staffed);
    if (!reached('informed')) return { id };
    await step(T.informed, 'inform-committee', { bodyId, meetingId, date: '2020-05-27' });
    at(T.completed);
    return { id };
  }

  return { providers, committee: { bodyId, meetingId }, procedure, decision };
}
