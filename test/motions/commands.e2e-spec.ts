import { motionCommands } from '../../src/motions/motions.commands';
import { startTestApp, type TestApp } from '../support/app';
import { describeCommandContract, type CommandSetup } from '../support/command-contract';
import { both, client, coesfeldMotion, holdMeeting, LIT_S, meeting, release, seedCouncil, votes, type Api, type Council, type SeatedBody } from '../support/motions';

/** Every motion command keeps the pipeline's contract (idempotency, If-Match, refusals that write nothing). */
describe('motion commands', () => {
  let t: TestApp;
  let api: Api;
  let c: Council;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t);
    t.clock.set('2020-07-01T09:00:00+02:00');
    c = await seedCouncil(api);
  });
  afterAll(() => t.close());

  const at = (iso: string) => t.clock.set(iso);
  const later = (start: string, days: number) => new Date(Date.parse(start) + days * 86_400_000);

  async function draft(steps: { bodyId: string; role: string }[] = [
    { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
    { bodyId: c.kreistag.id, role: 'entscheidung' },
  ]): Promise<CommandSetup> {
    at('2020-07-20T09:00:00+02:00');
    const created = await api.post<{ id: string }>('/motions', coesfeldMotion(`SV-9-${2000 + ++n}`, steps), 201);
    return { id: created.id };
  }
  async function cosigning(): Promise<CommandSetup> {
    const { id } = await draft();
    await api.post(`/motions/${id}/submit`);
    return { id };
  }
  async function released(steps?: { bodyId: string; role: string }[]): Promise<CommandSetup> {
    const { id } = await draft(steps);
    await release(api, id);
    return { id };
  }
  /** A meeting of `body` starting at `start`, created 20 days before; the clock stays there. */
  async function newMeeting(body: SeatedBody, start: string): Promise<string> {
    t.clock.set(later(start, -20));
    return (await meeting(api, body.id, start)).id;
  }
  async function scheduled(start = '2020-08-12T17:00:00+02:00'): Promise<CommandSetup & { meetingId: string }> {
    const { id } = await released();
    const meetingId = await newMeeting(c.integrationsausschuss, start);
    await api.post(`/motions/${id}/schedule`, { meetingId });
    return { id, meetingId };
  }
  /** Invites 7 days ahead and holds the meeting with `present` members, the clock an hour after its start. */
  async function hold(meetingId: string, body: SeatedBody, start: string, present: number): Promise<void> {
    t.clock.set(later(start, -7));
    await api.post(`/meetings/${meetingId}/invitation`, {});
    t.clock.set(new Date(Date.parse(start) + 3_600_000));
    await holdMeeting(api, meetingId, body, present);
  }
  async function held(): Promise<CommandSetup & { meetingId: string }> {
    const start = '2020-08-12T17:00:00+02:00';
    const setup = await scheduled(start);
    await hold(setup.meetingId, c.integrationsausschuss, start, 12);
    return setup;
  }
  async function decided(outcome: 'adopted' | 'rejected' = 'adopted'): Promise<CommandSetup> {
    const { id, meetingId } = await held();
    await api.post(`/motions/${id}/outcomes`, { meetingId, outcomes: both('recommended', votes(12)) });
    const start = '2020-09-02T17:00:00+02:00';
    const kt = await newMeeting(c.kreistag, start);
    await api.post(`/motions/${id}/schedule`, { meetingId: kt });
    await hold(kt, c.kreistag, start, 50);
    await api.post(`/motions/${id}/outcomes`, { meetingId: kt, outcomes: both(outcome, outcome === 'adopted' ? votes(45, 5) : votes(5, 45)) });
    return { id };
  }
  async function implementation(): Promise<CommandSetup> {
    const { id } = await decided();
    await api.post(`/motions/${id}/tasks`, { taskId: 'T-1', title: 'Verträge schließen', owner: 'Kommunales Integrationszentrum', dueDate: '2020-12-31', proposalKey: '1' }, 201);
    return { id };
  }
  /** Released for the Kreistag with the Kreisausschuss first; the Kreisausschuss meeting is held with the motion on it. */
  async function urgentReady(): Promise<CommandSetup & { meetingId: string }> {
    const { id } = await released([
      { bodyId: c.kreisausschuss.id, role: 'vorberatung' },
      { bodyId: c.kreistag.id, role: 'entscheidung' },
    ]);
    const start = '2020-08-26T16:00:00+02:00';
    const meetingId = await newMeeting(c.kreisausschuss, start);
    await api.post(`/motions/${id}/schedule`, { meetingId });
    await hold(meetingId, c.kreisausschuss, start, 12);
    return { id, meetingId };
  }
  const urgentBody = (meetingId: string, reason = 'Der Kreistag tritt vor Ablauf der Antragsfrist nicht mehr zusammen.') => ({ meetingId, reason, outcomes: both('adopted', votes(11, 1)) });
  /** An urgent decision taken, and a held Kreistag meeting with attendance to approve or revoke it in. */
  async function approvalReady(): Promise<CommandSetup & { meetingId: string }> {
    const urgent = await urgentReady();
    await api.post(`/motions/${urgent.id}/urgent-decision`, urgentBody(urgent.meetingId));
    const start = '2020-09-09T17:00:00+02:00';
    const kt = await newMeeting(c.kreistag, start);
    // the approval is an agenda item of the Kreistag's meeting
    await api.post(`/motions/${urgent.id}/schedule`, { meetingId: kt });
    await hold(kt, c.kreistag, start, 45);
    return { id: urgent.id, meetingId: kt };
  }
  /** The Landrat (a member of the Kreisausschuss here) and another member decide. */
  const landratBody = (reason = 'Der Kreisausschuss kann vor Fristablauf nicht einberufen werden.') => () => ({
    landratPersonId: c.kreisausschuss.members[0],
    memberPersonId: c.kreisausschuss.members[1],
    reason,
    outcomes: both('adopted'),
  });
  const withBody = (setup: Promise<CommandSetup>, body: object | ((s: CommandSetup & { meetingId?: string }) => object), params?: Record<string, string>) =>
    setup.then((s) => ({ ...s, ...(params ? { params } : {}), body: typeof body === 'function' ? body(s) : body }));
  const meetingOf = (s: CommandSetup) => (s as CommandSetup & { meetingId: string }).meetingId;

  describeCommandContract(
    motionCommands,
    {
      EDIT_MOTION: { succeeds: () => withBody(draft(), { title: 'Neuer Titel' }), otherBody: { title: 'Anderer Titel' }, refused: () => withBody(cosigning(), { title: 'Neuer Titel' }) },
      ADD_PROPOSAL: {
        succeeds: () => withBody(draft(), { key: '3', text: 'Der Kreistag nimmt den Bericht zur Kenntnis.', legalBasis: LIT_S }),
        otherBody: { key: '4', text: 'Der Kreistag nimmt den Bericht zur Kenntnis.', legalBasis: LIT_S },
        refused: () => withBody(cosigning(), { key: '3', text: 'Der Kreistag nimmt den Bericht zur Kenntnis.', legalBasis: LIT_S }),
      },
      EDIT_PROPOSAL: {
        succeeds: () => withBody(draft(), { text: 'Geänderter Beschlussvorschlag.' }, { key: '2' }),
        otherBody: { text: 'Anders geänderter Beschlussvorschlag.' },
        refused: () => withBody(cosigning(), { text: 'Geänderter Beschlussvorschlag.' }, { key: '2' }),
      },
      REMOVE_PROPOSAL: { succeeds: () => draft().then((s) => ({ ...s, params: { key: '2' } })), refused: () => cosigning().then((s) => ({ ...s, params: { key: '2' } })) },
      SET_CONSULTATION_SEQUENCE: {
        succeeds: () => withBody(draft(), () => ({ steps: [{ bodyId: c.kreistag.id, role: 'entscheidung' }] })),
        otherBody: () => ({ steps: [{ bodyId: c.kreisausschuss.id, role: 'vorberatung' }, { bodyId: c.kreistag.id, role: 'entscheidung' }] }),
        refused: () => withBody(cosigning(), () => ({ steps: [{ bodyId: c.kreistag.id, role: 'entscheidung' }] })),
      },
      SUBMIT_FOR_COSIGNING: { succeeds: () => draft(), refused: () => cosigning() },
      COSIGN: { succeeds: () => withBody(cosigning(), { department: 'Jobcenter' }), otherBody: { department: 'Kämmerei' }, refused: () => withBody(draft(), { department: 'Jobcenter' }) },
      REFUSE_COSIGN: {
        succeeds: () => withBody(cosigning(), { department: 'Kämmerei', reason: 'Eigenanteil nicht gedeckt' }),
        otherBody: { department: 'Kämmerei', reason: 'Haushaltssperre' },
        refused: () => withBody(draft(), { department: 'Kämmerei', reason: 'Eigenanteil nicht gedeckt' }),
      },
      RETURN_TO_DRAFT: {
        succeeds: () => withBody(cosigning(), { reason: 'Zuständigkeit klären' }),
        otherBody: { reason: 'Beschlussvorschlag überarbeiten' },
        refused: () => withBody(draft(), { reason: 'Zuständigkeit klären' }),
      },
      RELEASE: {
        succeeds: async () => {
          const { id } = await cosigning();
          await api.post(`/motions/${id}/cosign`, { department: 'Jobcenter' });
          await api.post(`/motions/${id}/cosign`, { department: 'Kämmerei' });
          return { id };
        },
        refused: () => draft(),
      },
      SCHEDULE: {
        succeeds: async () => {
          const { id } = await released();
          const meetingId = await newMeeting(c.integrationsausschuss, '2020-08-12T17:00:00+02:00');
          return { id, meetingId, body: { meetingId } };
        },
        otherBody: (s) => ({ meetingId: meetingOf(s), public: false }),
        refused: async () => {
          const { id } = await draft();
          return { id, body: { meetingId: await newMeeting(c.integrationsausschuss, '2020-08-12T17:00:00+02:00') } };
        },
      },
      UNSCHEDULE: {
        succeeds: () => withBody(scheduled(), (s) => ({ meetingId: meetingOf(s), reason: 'Beratungsbedarf in den Fraktionen' })),
        otherBody: (s) => ({ meetingId: meetingOf(s), reason: 'Unterlagen fehlen' }),
        refused: async () => {
          const { id } = await draft();
          return { id, body: { meetingId: await newMeeting(c.integrationsausschuss, '2020-08-12T17:00:00+02:00'), reason: 'Beratungsbedarf in den Fraktionen' } };
        },
      },
      RECORD_OUTCOME: {
        succeeds: () => withBody(held(), (s) => ({ meetingId: meetingOf(s), outcomes: both('recommended', votes(12)) })),
        otherBody: (s) => ({ meetingId: meetingOf(s), outcomes: both('recommended', votes(11, 1)) }),
        refused: async () => {
          const { meetingId } = await held();
          const { id } = await released();
          return { id, body: { meetingId, outcomes: both('recommended', votes(12)) } };
        },
      },
      REVISE: {
        succeeds: async () => {
          const { id, meetingId } = await held();
          await api.post(`/motions/${id}/outcomes`, { meetingId, outcomes: both('referredBack') });
          return { id };
        },
        refused: () => draft(),
      },
      URGENT_DECISION: {
        succeeds: () => withBody(urgentReady(), (s) => urgentBody(meetingOf(s))),
        otherBody: (s) => urgentBody(meetingOf(s), 'Fristablauf beim Land'),
        refused: async () => {
          const { meetingId } = await urgentReady();
          const { id } = await draft();
          return { id, body: urgentBody(meetingId) };
        },
      },
      SCHEDULE_URGENT: {
        succeeds: async () => {
          const { id } = await released();
          const meetingId = await newMeeting(c.kreisausschuss, '2020-08-26T16:00:00+02:00');
          return { id, meetingId, body: { meetingId, urgentReason: 'Antragsfrist des Landes endet vor der Kreistagssitzung' } };
        },
        otherBody: (s) => ({ meetingId: meetingOf(s), urgentReason: 'Förderaufruf endet' }),
        refused: async () => {
          const { id } = await draft();
          return { id, body: { meetingId: await newMeeting(c.kreisausschuss, '2020-08-26T16:00:00+02:00'), urgentReason: 'Antragsfrist' } };
        },
      },
      URGENT_DECISION_BY_LANDRAT: {
        succeeds: () => withBody(released(), landratBody()),
        otherBody: landratBody('Förderaufruf endet morgen'),
        refused: () => withBody(draft(), landratBody()),
      },
      APPROVE_URGENT_DECISION: {
        succeeds: () => withBody(approvalReady(), (s) => ({ meetingId: meetingOf(s), votes: votes(40, 3, 2) })),
        otherBody: (s) => ({ meetingId: meetingOf(s), votes: votes(41, 2, 2) }),
        refused: async () => {
          const { meetingId } = await approvalReady();
          const { id } = await draft();
          return { id, body: { meetingId, votes: votes(40, 3, 2) } };
        },
      },
      REVOKE_URGENT_DECISION: {
        succeeds: () => withBody(approvalReady(), (s) => ({ meetingId: meetingOf(s), votes: votes(30, 15), reason: 'Kein Eigenanteil ohne Haushaltsbeschluss' })),
        otherBody: (s) => ({ meetingId: meetingOf(s), votes: votes(30, 15), reason: 'Andere Prioritäten' }),
        refused: async () => {
          const { meetingId } = await approvalReady();
          const { id } = await draft();
          return { id, body: { meetingId, votes: votes(30, 15), reason: 'Kein Eigenanteil ohne Haushaltsbeschluss' } };
        },
      },
      WITHDRAW: { succeeds: () => withBody(draft(), { reason: 'Erledigt durch Landesentscheidung' }), otherBody: { reason: 'Zurückgezogen' }, refused: () => withBody(decided(), { reason: 'Erledigt' }) },
      ADD_TASK: {
        succeeds: () => withBody(decided(), { taskId: 'T-1', title: 'Verträge schließen', owner: 'Kommunales Integrationszentrum', dueDate: '2020-12-31', proposalKey: '1' }),
        otherBody: { taskId: 'T-2', title: 'Eigenanteil einplanen', owner: 'Kämmerei', dueDate: '2020-12-31', proposalKey: '2' },
        refused: () => withBody(draft(), { taskId: 'T-1', title: 'Verträge schließen', owner: 'Kommunales Integrationszentrum', dueDate: '2020-12-31', proposalKey: '1' }),
      },
      UPDATE_TASK: {
        succeeds: () => withBody(implementation(), { status: 'done', report: 'Verträge geschlossen.' }, { taskId: 'T-1' }),
        otherBody: { status: 'done', report: 'Alle Verträge geschlossen.' },
        refused: () => withBody(draft(), { status: 'done', report: 'Verträge geschlossen.' }, { taskId: 'T-1' }),
      },
      COMPLETE_IMPLEMENTATION: {
        succeeds: async () => {
          const { id } = await implementation();
          await api.patch(`/motions/${id}/tasks/T-1`, { status: 'done', report: 'Verträge geschlossen.' });
          return { id };
        },
        refused: () => implementation(),
      },
      CLOSE: { succeeds: () => withBody(decided('rejected'), { reason: 'Abgelehnt: nichts umzusetzen' }), otherBody: { reason: 'Nichts umzusetzen' }, refused: () => withBody(draft(), { reason: 'Nichts umzusetzen' }) },
    },
    () => t,
    {
      // a fresh reference each time: a replay must answer before the reference (now taken) is checked again
      body: () => {
        at('2020-07-20T09:00:00+02:00');
        return coesfeldMotion(`SV-9-${2000 + ++n}`, [
          { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
          { bodyId: c.kreistag.id, role: 'entscheidung' },
        ]);
      },
      otherBody: (body) => ({ ...body, reference: `SV-9-${2000 + ++n}` }),
    },
  );
});
