/**
 * Plays the Kreis Coesfeld case as real history: every step is an HTTP request to the app, with the
 * app's clock set to the historical date first, so each seeded instance carries a genuine,
 * verifiable event log (never inserted snapshots). Runs against an app listening on `baseUrl`
 * whose clock the loader controls.
 */
import { DEV_USERS, devToken } from '../src/auth/dev-users';
import {
  BODIES,
  BUDGET_SOURCE,
  COMPETENCES,
  CRITERIA,
  EVALUATORS,
  GRANTS,
  INVITATION,
  LOCATION,
  MEETINGS,
  MODULES,
  MOTION,
  MOTION_TIMELINE,
  MUNICIPALITIES,
  PROGRAMME,
  PROVIDERS,
  SELECTIONS,
  TENANT,
  type BodyKey,
  type ProviderKey,
} from './coesfeld';

type Role = 'clerk' | 'office' | 'auditor' | 'admin';

export interface SeedClock {
  set(to: string): void;
}

export interface SeededCase {
  motionId: string;
  bodies: Record<BodyKey, string>;
  meetings: Record<BodyKey, string>;
  providers: Record<ProviderKey, string>;
  selections: Record<string, string>;
  grants: { main: string; moduleV: string };
}

class SeedError extends Error {}

function client(baseUrl: string) {
  const tokens = Object.fromEntries(DEV_USERS.map((u) => [u.role, devToken(u)])) as Record<Role, string>;
  return async function call<T>(role: Role, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new SeedError(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** Loads the case. The app must be fresh for the tenant (see `isSeeded`). */
export async function loadCoesfeld(baseUrl: string, clock: SeedClock): Promise<SeededCase> {
  const call = client(baseUrl);
  const at = (when: string) => clock.set(when);

  // Council, competences, members (illustrative names), meetings.
  at('2020-01-15T09:00:00+01:00');
  for (const c of COMPETENCES) await call('admin', 'POST', '/competences', c);
  const bodies = {} as Record<BodyKey, string>;
  for (const [key, b] of Object.entries(BODIES) as [BodyKey, (typeof BODIES)[BodyKey]][]) {
    const created = await call<{ id: string }>('admin', 'POST', '/bodies', { ...b, ...INVITATION });
    bodies[key] = created.id;
    const members = Array.from({ length: b.statutoryMembers }, (_, i) => ({ name: `${b.name}: Mitglied ${i + 1}`, start: '2014-06-01', end: '2020-10-31', votingRight: true }));
    await call('admin', 'POST', `/bodies/${created.id}/memberships`, { members });
  }

  // Programme, modules, providers, budget source.
  const programme = await call<{ id: string }>('office', 'POST', '/selection/programmes', { name: PROGRAMME });
  for (const m of MODULES) await call('office', 'POST', `/selection/programmes/${programme.id}/modules`, m);
  const providers = {} as Record<ProviderKey, string>;
  for (const [key, p] of Object.entries(PROVIDERS) as [ProviderKey, (typeof PROVIDERS)[ProviderKey]][]) {
    providers[key] = (await call<{ id: string }>('office', 'POST', '/selection/providers', p)).id;
  }
  await call('office', 'POST', '/budget-sources', BUDGET_SOURCE);

  // Provider selections, each to the stage the document describes.
  const selections: Record<string, string> = {};
  for (const s of SELECTIONS) {
    at(s.publishedAt);
    const procedure = await call<{ id: string }>('office', 'POST', '/selection/procedures', {
      module: s.module,
      callText: s.callText,
      deadline: s.deadline,
      criteria: CRITERIA,
      scaleMax: 5,
      requiredEvaluators: EVALUATORS.length,
      fte: s.fte,
      municipalities: MUNICIPALITIES,
    });
    const id = procedure.id;
    const path = `/selection/procedures/${id}`;
    selections[s.module] = id;
    await call('office', 'POST', `${path}/publish`);
    const declarationIds = new Map<ProviderKey, string>();
    for (const d of s.declarations) {
      at(d.receivedAt);
      const res = await call<{ event: { payload: { declarationId: string } } }>('office', 'POST', `${path}/declarations`, {
        providerId: providers[d.provider],
        concept: d.concept,
        receivedAt: d.receivedAt,
        municipalities: d.municipalities,
      });
      declarationIds.set(d.provider, res.event.payload.declarationId);
    }
    at(addDays(s.deadline, 1));
    await call('office', 'POST', `${path}/close`);
    if (s.stage === 'closed') continue;
    await call('office', 'POST', `${path}/start-evaluation`);
    for (const d of s.declarations) {
      for (const [criterionKey, marks] of Object.entries(d.points ?? {})) {
        for (const [i, evaluatorId] of EVALUATORS.entries()) {
          await call('office', 'POST', `${path}/scores`, { declarationId: declarationIds.get(d.provider), criterionKey, evaluatorId, points: marks[i], comment: 'Bewertung nach den Qualitätskriterien (illustrativ).' });
        }
      }
    }
    if (s.stage === 'evaluation') continue;
    at(addDays(s.deadline, 5));
    await call('office', 'POST', `${path}/start-talks`);
    for (const talk of s.talks ?? []) {
      await call('office', 'POST', `${path}/talks`, { declarationId: declarationIds.get(talk.provider), date: talk.date, participants: ['Kommunales Integrationszentrum', 'Jobcenter', PROVIDERS[talk.provider].name], resultNote: talk.resultNote });
    }
    if (!s.decision) continue;
    at(s.decision.at);
    await call('office', 'POST', `${path}/decision`, {
      selectedProviderIds: s.decision.allocation.map((a) => providers[a.provider]),
      allocation: s.decision.allocation.flatMap((a) => a.municipalities.map((municipality, i) => ({ providerId: providers[a.provider], municipality, fte: a.fte[i] }))),
    });
    for (const st of s.staffing ?? []) {
      at(st.at);
      await call('office', 'POST', `${path}/staffing`, { providerId: providers[st.provider], fte: st.fte, from: st.from, status: st.status });
    }
    if (s.committee) {
      at(s.committee.at);
      await call('office', 'POST', `${path}/inform-committee`, { bodyId: bodies[s.committee.body], date: s.committee.date });
    }
  }

  // Grants: Baustein V (not considered) and the application for I–IV and VI with the early start.
  at(GRANTS.moduleV.createdAt);
  const moduleV = (await call<{ id: string }>('office', 'POST', '/grants', GRANTS.moduleV.create)).id;
  at(GRANTS.moduleV.submittedAt);
  await call('office', 'POST', `/grants/${moduleV}/submit`);
  at(GRANTS.main.createdAt);
  const main = (await call<{ id: string }>('office', 'POST', '/grants', GRANTS.main.create)).id;
  at(GRANTS.main.submittedAt);
  await call('office', 'POST', `/grants/${main}/submit`);
  at(GRANTS.moduleV.rejectedAt);
  await call('office', 'POST', `/grants/${moduleV}/reject`, GRANTS.moduleV.rejection);

  // The motion, up to where the document leaves it: released and on the agendas.
  at(MOTION_TIMELINE.draftedAt);
  const meetings = {} as Record<BodyKey, string>;
  for (const [key, m] of Object.entries(MEETINGS) as [BodyKey, (typeof MEETINGS)[BodyKey]][]) {
    meetings[key] = (await call<{ id: string }>('clerk', 'POST', '/meetings', { bodyId: bodies[key], start: m.start, location: LOCATION })).id;
  }
  const motion = await call<{ id: string }>('clerk', 'POST', '/motions', {
    reference: MOTION.reference,
    title: MOTION.title,
    department: MOTION.department,
    requiredCosigners: MOTION.requiredCosigners,
    outline: MOTION.outline,
    proposals: MOTION.proposals,
  });
  const motionId = motion.id;
  await call('clerk', 'PUT', `/motions/${motionId}/consultation-sequence`, { steps: MOTION.steps.map((s) => ({ bodyId: bodies[s.body], role: s.role })) });
  at(MOTION_TIMELINE.submittedAt);
  await call('clerk', 'POST', `/motions/${motionId}/submit`);
  for (const c of MOTION_TIMELINE.cosigned) {
    at(c.at);
    await call('clerk', 'POST', `/motions/${motionId}/cosign`, { department: c.department });
  }
  at(MOTION_TIMELINE.releasedAt);
  await call('clerk', 'POST', `/motions/${motionId}/release`);
  at(MOTION_TIMELINE.scheduledAt);
  await call('clerk', 'POST', `/motions/${motionId}/schedule`, { meetingId: meetings.integrationsausschuss });
  await call('clerk', 'POST', `/motions/${motionId}/schedule`, { meetingId: meetings.sozialausschuss });
  for (const inv of MOTION_TIMELINE.invitations) {
    at(inv.at);
    await call('clerk', 'POST', `/meetings/${meetings[inv.body]}/invitation`, {});
  }

  // The early start for the VHS course (before the document's date), and what the motion authorises.
  at(GRANTS.main.earlyStart.at);
  const es = GRANTS.main.earlyStart;
  await call('office', 'POST', `/grants/${main}/early-start`, { date: es.date, modules: es.modules, providerIds: [providers[es.provider]], description: es.description });
  at(MOTION_TIMELINE.end);
  for (const id of Object.values(selections)) await call('clerk', 'POST', `/instances/${motionId}/links`, { to: id, relation: 'authorises' });
  for (const id of [main, moduleV]) await call('clerk', 'POST', `/instances/${motionId}/links`, { to: id, relation: 'funds' });

  return { motionId, bodies, meetings, providers, selections, grants: { main, moduleV } };
}

/** True when the tenant already holds the case (then `npm start` leaves it alone). */
export const isSeededQuery = `SELECT EXISTS (SELECT 1 FROM workflow_instances WHERE tenant = '${TENANT.id}') AS seeded`;

function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}
