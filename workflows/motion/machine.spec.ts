import { afterMeeting, attendance, coesfeldInput, e, ev, given, path, PROPOSAL_1, PROPOSAL_2, votes, when } from './fixtures';
import { handledEvents } from '../shared/rules-kit';
import { statusOf } from './queries';
import type { MotionEventOf } from './types';

describe('motion lifecycle', () => {
  describe('the Coesfeld motion, as it happened', () => {
    it('goes Integrationsausschuss → Kreisausschuss → Kreistag, with the Kenntnisnahme of 19.08.2020 on record', () => {
      // given a released motion
      let s = given(path.released());
      expect(statusOf(s.value)).toBe('awaitingSchedule');
      expect(s.context.currentStepIndex).toBe(0);

      // when the Integrationsausschuss recommends both proposals to the Kreisausschuss
      s = given([...path.released(), e.schedule('ia'), e.outcome('ia', 'recommended')]);
      // then the motion moves on to the Kreisausschuss (the Kenntnisnahme step 2 does not block)
      expect(s.context.currentStepIndex).toBe(2);

      // when the social committee takes note on 19.08.2020, beside the sequence
      s = when(s, e.schedule('asg', {}, afterMeeting('ia'))).snapshot;
      s = when(s, e.schedule('ka', {}, afterMeeting('ia'))).snapshot;
      expect(statusOf(s.value)).toBe('scheduled');
      s = when(s, e.outcome('asg', 'takenNote')).snapshot;
      // and the Kreisausschuss recommends, the Kreistag adopts
      s = when(s, e.outcome('ka', 'recommended')).snapshot;
      s = when(s, e.schedule('kt', {}, afterMeeting('ka'))).snapshot;
      const decided = when(s, e.outcome('kt', 'adopted'));

      // then the motion is decided, both proposals adopted unchanged by the Kreistag
      expect(decided.accepted).toBe(true);
      s = decided.snapshot;
      expect(statusOf(s.value)).toBe('decided');
      expect(s.context.decision).toMatchObject({ bodyName: 'Kreistag', urgent: false, outcomes: { '1': 'adopted', '2': 'adopted' } });
      expect(s.context.consultations.map((c) => [c.no, c.bodyName, c.role, c.status, c.results?.['1']?.outcome])).toEqual([
        [1, 'Integrationsausschuss', 'vorberatung', 'held', 'recommended'],
        [2, 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', 'kenntnisnahme', 'held', 'takenNote'],
        [3, 'Kreisausschuss', 'vorberatung', 'held', 'recommended'],
        [4, 'Kreistag', 'entscheidung', 'held', 'adopted'],
      ]);
      expect(s.context.consultations.find((c) => c.role === 'kenntnisnahme')).toMatchObject({
        meetingId: 'asg-2020-08-19',
        meetingStart: '2020-08-19T17:00:00+02:00',
        status: 'held',
        results: { '1': { outcome: 'takenNote', votes: null }, '2': { outcome: 'takenNote', votes: null } },
      });
    });

    it('records the votes, the attendance and the version each body deliberated', () => {
      const s = given(path.decided());
      const kreistag = s.context.consultations.find((c) => c.bodyName === 'Kreistag')!;
      expect(kreistag.attendance).toEqual({ present: 53, statutoryMembers: 55 });
      expect(kreistag.results!['2']).toEqual({ outcome: 'adopted', votes: votes(53), deliberatedVersion: 1, newVersion: null });
      expect(kreistag.invitationDate).toBe('2020-08-26');
    });
  });

  describe('drafting', () => {
    it('corrects an unreleased text in place, and keeps a released text when it changes later', () => {
      // given a draft
      let s = given();
      // when the clerk corrects proposal 2 before release
      s = when(s, ev<MotionEventOf<'EDIT_PROPOSAL'>>({ type: 'EDIT_PROPOSAL', key: '2', text: 'Korrigiert.' })).snapshot;
      // then there is still one version
      expect(s.context.proposals[1]!.versions).toEqual([
        { version: 1, text: 'Korrigiert.', origin: { by: 'administration' }, at: '2020-07-21T10:00:00+02:00', released: false },
      ]);

      // given a motion that was released and referred back
      s = given([...path.released(), e.schedule('ia'), e.outcome('ia', 'referredBack'), ev({ type: 'REVISE' })]);
      expect(statusOf(s.value)).toBe('draft');
      // when the administration revises proposal 2
      s = when(s, ev<MotionEventOf<'EDIT_PROPOSAL'>>({ type: 'EDIT_PROPOSAL', key: '2', text: 'Überarbeitet.' })).snapshot;
      // then the released text stays as version 1 and the revision is version 2
      expect(s.context.proposals[1]!.versions.map((v) => [v.version, v.text, v.released])).toEqual([
        [1, PROPOSAL_2, true],
        [2, 'Überarbeitet.', false],
      ]);
    });

    it('edits the motion, adds and removes proposals and sets the Beratungsfolge while in draft', () => {
      let s = given();
      s = when(s, ev<MotionEventOf<'EDIT_MOTION'>>({ type: 'EDIT_MOTION', title: 'Neu', outline: { alternatives: 'Verzicht auf die Förderung' } })).snapshot;
      s = when(s, ev<MotionEventOf<'ADD_PROPOSAL'>>({ type: 'ADD_PROPOSAL', key: '3', text: 'Drittens.', legalBasis: { citation: '§ 50 Abs. 1 KrO NRW' } })).snapshot;
      s = when(s, ev<MotionEventOf<'REMOVE_PROPOSAL'>>({ type: 'REMOVE_PROPOSAL', key: '1' })).snapshot;
      s = when(s, ev<MotionEventOf<'SET_CONSULTATION_SEQUENCE'>>({ type: 'SET_CONSULTATION_SEQUENCE', steps: coesfeldInput().steps!.slice(2) })).snapshot;
      expect(s.context.title).toBe('Neu');
      expect(s.context.outline.alternatives).toBe('Verzicht auf die Förderung');
      expect(s.context.outline.impacts).toContain('13.500');
      expect(s.context.proposals.map((p) => p.key)).toEqual(['2', '3']);
      expect(s.context.steps.map((st) => st.bodyName)).toEqual(['Kreisausschuss', 'Kreistag']);
    });
  });

  describe('co-signing', () => {
    it('a refusal returns the motion to draft with the reason; resubmitting starts a new round', () => {
      // given a motion in co-signing that the Jobcenter has signed
      let s = given([...path.cosigning(), e.cosign('Jobcenter')]);
      // when the treasury refuses
      s = when(s, ev<MotionEventOf<'REFUSE_COSIGN'>>({ type: 'REFUSE_COSIGN', department: 'Kämmerei', reason: 'Deckung 2021 unklar' })).snapshot;
      // then it is back in draft with the reason on record
      expect(statusOf(s.value)).toBe('draft');
      expect(s.context.cosignRefusals).toEqual([{ department: 'Kämmerei', reason: 'Deckung 2021 unklar', at: '2020-07-21T10:00:00+02:00', by: 'clerk-sitzungsdienst' }]);
      // and a new submission starts with no co-signatures
      s = when(s, e.submit()).snapshot;
      expect(s.context.cosignatures).toEqual([]);
    });

    it('releases without co-signatures when none are required', () => {
      const s = given([e.submit(), e.release()], coesfeldInput({ requiredCosigners: [] }));
      expect(statusOf(s.value)).toBe('awaitingSchedule');
      expect(s.context.proposals.every((p) => p.versions.every((v) => v.released))).toBe(true);
    });
  });

  describe('consultation outcomes', () => {
    it('an amendment creates a new version that the later bodies deliberate on; all versions stay readable', () => {
      // given the Integrationsausschuss has the motion on its agenda
      let s = given([...path.released(), e.schedule('ia')]);
      // when it recommends proposal 2 with an amendment
      const amended = 'Für 2020 und vorbehaltlich des Haushalts 2021 höchstens 13.500 € aus der Integrationspauschale.';
      s = when(
        s,
        e.outcome('ia', 'recommended', {
          outcomes: { '1': { outcome: 'recommended', votes: votes(13) }, '2': { outcome: 'recommendedWithAmendment', votes: votes(10, 3), amendedText: amended } },
        }),
      ).snapshot;
      // then proposal 2 has a second version from the Integrationsausschuss
      expect(s.context.proposals[1]!.versions).toEqual([
        { version: 1, text: PROPOSAL_2, origin: { by: 'administration' }, at: '2020-07-20T09:00:00+02:00', released: true },
        {
          version: 2,
          text: amended,
          origin: { by: 'body', consultationNo: 1, bodyId: 'body-ia', bodyName: 'Integrationsausschuss', meetingId: 'ia-2020-08-12' },
          at: '2020-08-12T18:00:00+02:00',
          released: true,
        },
      ]);
      // and the Kreisausschuss and the Kreistag deliberate on version 2; the Kreistag amends again
      s = when(s, e.schedule('ka', {}, afterMeeting('ia'))).snapshot;
      s = when(s, e.outcome('ka', 'recommended')).snapshot;
      s = when(s, e.schedule('kt', {}, afterMeeting('ka'))).snapshot;
      s = when(
        s,
        e.outcome('kt', 'adopted', {
          outcomes: { '1': { outcome: 'adopted', votes: votes(50, 3) }, '2': { outcome: 'adoptedWithAmendment', votes: votes(40, 13), amendedText: 'Fassung des Kreistags.' } },
        }),
      ).snapshot;
      expect(s.context.consultations.map((c) => c.results?.['2'])).toEqual([
        { outcome: 'recommendedWithAmendment', votes: votes(10, 3), deliberatedVersion: 1, newVersion: 2 },
        { outcome: 'recommended', votes: votes(14), deliberatedVersion: 2, newVersion: null },
        { outcome: 'adoptedWithAmendment', votes: votes(40, 13), deliberatedVersion: 2, newVersion: 3 },
      ]);
      expect(s.context.proposals[1]!.versions.map((v) => v.text)).toEqual([PROPOSAL_2, amended, 'Fassung des Kreistags.']);
      expect(s.context.decision!.outcomes).toEqual({ '1': 'adopted', '2': 'adoptedWithAmendment' });
      // and the decision itself says which version of each proposal it adopted, with its text (issue 13, point 8)
      expect(s.context.decision!.adopted).toEqual({ '1': { version: 1, text: PROPOSAL_1 }, '2': { version: 3, text: 'Fassung des Kreistags.' } });
    });

    it('a rejected proposal has no adopted text; an urgent decision records what it adopted too', () => {
      const s = given([
        ...path.kreistagScheduled(),
        e.outcome('kt', 'adopted', { outcomes: { '1': { outcome: 'adopted', votes: votes(50, 3) }, '2': { outcome: 'rejected', votes: votes(3, 50) } } }),
      ]);
      expect(s.context.decision!.adopted).toEqual({ '1': { version: 1, text: PROPOSAL_1 } });
      const urgent = given([
        ...path.urgentReady(),
        ev<MotionEventOf<'URGENT_DECISION'>>({
          type: 'URGENT_DECISION', bodyId: 'body-ka', bodyName: 'Kreisausschuss', bodyKind: 'kreisausschuss', meetingId: 'ka-2020-08-26', reason: 'Förderfrist',
          outcomes: { '1': { outcome: 'adoptedWithAmendment', votes: votes(14), amendedText: 'Fassung des Kreisausschusses.' }, '2': { outcome: 'adopted', votes: votes(14) } },
          attendance: attendance('kreisausschuss', 14),
        }),
      ]);
      expect(urgent.context.decision!.adopted).toEqual({ '1': { version: 2, text: 'Fassung des Kreisausschusses.' }, '2': { version: 1, text: PROPOSAL_2 } });
    });

    it('a proposal the committee does not recommend still goes to the next body', () => {
      const s = given([...path.released(), e.schedule('ia'), e.outcome('ia', 'notRecommended')]);
      expect(s.context.currentStepIndex).toBe(2);
      expect(s.context.consultations[0]!.results!['1']!.outcome).toBe('notRecommended');
      expect(statusOf(s.value)).toBe('awaitingSchedule');
    });

    it('a postponed motion waits for a new slot, recorded as a new consultation', () => {
      // given the Integrationsausschuss postponed it
      let s = given([...path.released(), e.schedule('ia'), e.outcome('ia', 'postponed')]);
      // then the same step waits for scheduling again
      expect(statusOf(s.value)).toBe('awaitingSchedule');
      expect(s.context.currentStepIndex).toBe(0);
      // when it is scheduled on the next meeting and recommended there
      s = when(s, e.schedule('ia', { meetingId: 'ia-2020-09-09', meetingStart: '2020-09-09T17:00:00+02:00' }, afterMeeting('ia'))).snapshot;
      s = when(s, ev<MotionEventOf<'RECORD_OUTCOME'>>({ ...e.outcome('ia', 'recommended'), meetingId: 'ia-2020-09-09' }, '2020-09-09T19:00:00+02:00')).snapshot;
      // then there are two consultation records at the Integrationsausschuss
      expect(s.context.consultations.map((c) => [c.no, c.meetingId, c.results?.['1']?.outcome])).toEqual([
        [1, 'ia-2020-08-12', 'postponed'],
        [2, 'ia-2020-09-09', 'recommended'],
      ]);
      expect(s.context.currentStepIndex).toBe(2);
    });

    it('the Kreistag can postpone its decision too', () => {
      const s = given([...path.kreistagScheduled(), e.outcome('kt', 'postponed')]);
      expect(statusOf(s.value)).toBe('awaitingSchedule');
      expect(s.context.currentStepIndex).toBe(3);
      expect(s.context.decision).toBeNull();
    });

    it('a referral back returns the motion to the administration; after a new release the sequence starts again', () => {
      // given the Kreisausschuss referred it back
      let s = given([...path.atKreisausschuss(), e.schedule('ka', {}, afterMeeting('ia')), e.outcome('ka', 'referredBack')]);
      expect(statusOf(s.value)).toBe('referredBack');
      // when the administration revises and the motion is released again
      s = when(s, ev({ type: 'REVISE' })).snapshot;
      s = when(s, e.submit()).snapshot;
      s = when(s, e.cosign('Jobcenter')).snapshot;
      s = when(s, e.cosign('Kämmerei')).snapshot;
      s = when(s, e.release()).snapshot;
      // then it starts again at the Integrationsausschuss, with the earlier record kept
      expect(s.context.currentStepIndex).toBe(0);
      expect(s.context.consultations).toHaveLength(2);
    });

    it('a meeting cancellation takes the motion off the agenda', () => {
      const s = given([...path.released(), e.schedule('ia'), ev<MotionEventOf<'UNSCHEDULE'>>({ type: 'UNSCHEDULE', meetingId: 'ia-2020-08-12', reason: 'Sitzung abgesagt' })]);
      expect(statusOf(s.value)).toBe('awaitingSchedule');
      expect(s.context.consultations[0]).toMatchObject({ status: 'removed', removedReason: 'Sitzung abgesagt' });
    });

    it('a Kenntnisnahme can be put on an agenda, taken off, and noted even after the decision', () => {
      let s = given(path.decided());
      s = when(s, e.schedule('asg', { meetingStart: '2020-09-16T17:00:00+02:00' }, afterMeeting('kt'))).snapshot;
      s = when(s, ev<MotionEventOf<'UNSCHEDULE'>>({ type: 'UNSCHEDULE', meetingId: 'asg-2020-08-19', reason: 'verschoben' })).snapshot;
      s = when(s, e.schedule('asg', { meetingId: 'asg-2020-09-23', meetingStart: '2020-09-23T17:00:00+02:00' }, afterMeeting('kt'))).snapshot;
      s = when(s, ev<MotionEventOf<'RECORD_OUTCOME'>>({ ...e.outcome('asg', 'takenNote'), meetingId: 'asg-2020-09-23' }, '2020-09-23T18:00:00+02:00')).snapshot;
      expect(statusOf(s.value)).toBe('decided');
      expect(s.context.consultations.filter((c) => c.role === 'kenntnisnahme').map((c) => c.status)).toEqual(['removed', 'held']);
    });
  });

  describe('withdrawal', () => {
    it('is possible until the decision and takes the motion off open agendas', () => {
      const s = given([...path.released(), e.schedule('ia'), e.withdraw()]);
      expect(statusOf(s.value)).toBe('withdrawn');
      expect(s.status).toBe('done');
      expect(s.context.withdrawal).toEqual({ reason: 'Landesprogramm eingestellt', at: '2020-07-21T10:00:00+02:00', by: 'clerk-sitzungsdienst' });
      expect(s.context.consultations[0]).toMatchObject({ status: 'removed', removedReason: 'Zurückgezogen: Landesprogramm eingestellt' });
    });

    it('is possible from draft, co-signing and after a referral back', () => {
      for (const before of [[], path.cosigning(), [...path.released(), e.schedule('ia'), e.outcome('ia', 'referredBack')]]) {
        expect(statusOf(given([...before, e.withdraw()]).value)).toBe('withdrawn');
      }
    });

    it('given a decided motion, when withdrawn, then the state does not take it and says why: MOTION.ALREADY_DECIDED', () => {
      const s = given(path.decided());
      const result = when(s, e.withdraw());
      expect(result.accepted).toBe(false);
      expect(handledEvents(s)).not.toContain('WITHDRAW');
      expect(result.violations).toEqual([
        { code: 'MOTION.ALREADY_DECIDED', message: 'Kreistag decided this motion on 2020-09-02; a decided motion can no longer be withdrawn.' },
      ]);
    });
  });

  describe('urgent decision (§ 50 Abs. 3 KrO NRW)', () => {
    const urgent = (at = '2020-08-27T10:00:00+02:00') =>
      ev<MotionEventOf<'URGENT_DECISION'>>(
        {
          type: 'URGENT_DECISION',
          bodyId: 'body-ka',
          bodyName: 'Kreisausschuss',
          bodyKind: 'kreisausschuss',
          meetingId: 'ka-2020-08-26',
          reason: 'Förderfrist endet vor der nächsten Kreistagssitzung',
          outcomes: { '1': { outcome: 'adopted', votes: votes(14) }, '2': { outcome: 'adopted', votes: votes(12, 2) } },
          attendance: attendance('kreisausschuss', 14),
        },
        at,
      );
    const kreistagVote = <T extends 'APPROVE_URGENT_DECISION' | 'REVOKE_URGENT_DECISION'>(type: T) =>
      ev<MotionEventOf<T>>(
        { type, bodyId: 'body-kt', meetingId: 'kt-2020-09-02', attendance: attendance('kreistag', 50), votes: votes(45, 5), reason: 'Neu beraten' } as never,
        afterMeeting('kt'),
      );

    it('the Kreisausschuss decides in place of the Kreistag, which approves later', () => {
      // given the motion is on the Kreisausschuss agenda
      let s = given([...path.atKreisausschuss(), e.schedule('ka', {}, afterMeeting('ia'))]);
      // when the Kreisausschuss takes the urgent decision
      s = when(s, urgent()).snapshot;
      // then the decision stands, awaiting the Kreistag's approval; the agenda slot became the urgent decision
      expect(statusOf(s.value)).toBe('urgentDecided');
      expect(s.context.decision).toMatchObject({ urgent: true, bodyName: 'Kreisausschuss', approvalConsultationNo: null });
      expect(s.context.consultations.map((c) => [c.bodyName, c.role, c.status])).toEqual([
        ['Integrationsausschuss', 'vorberatung', 'held'],
        ['Kreisausschuss', 'dringlichkeitsentscheidung', 'held'],
      ]);
      // when its approval goes on the agenda of the Kreistag's next meeting (issue 13, point 2) and the Kreistag approves it
      s = when(s, e.schedule('kt', { urgentReason: 'Genehmigung der Dringlichkeitsentscheidung' }, '2020-08-27T11:00:00+02:00')).snapshot;
      expect(s.context.consultations[2]).toMatchObject({ role: 'genehmigung', bodyName: 'Kreistag', status: 'scheduled', meetingId: 'kt-2020-09-02' });
      s = when(s, kreistagVote('APPROVE_URGENT_DECISION')).snapshot;
      expect(statusOf(s.value)).toBe('decided');
      expect(s.context.decision!.approvalConsultationNo).toBe(3);
      expect(s.context.consultations[2]).toMatchObject({ role: 'genehmigung', bodyName: 'Kreistag', status: 'held', vote: votes(45, 5) });
    });

    it('a revocation sends the matter back to the Kreistag’s own decision step', () => {
      let s = given([...path.atKreisausschuss(), e.schedule('ka', {}, afterMeeting('ia')), urgent(), e.schedule('kt', { urgentReason: 'Genehmigung' }, '2020-08-27T11:00:00+02:00')]);
      s = when(s, kreistagVote('REVOKE_URGENT_DECISION')).snapshot;
      expect(statusOf(s.value)).toBe('awaitingSchedule');
      expect(s.context.currentStepIndex).toBe(3);
      expect(s.context.decision).toBeNull();
      expect(s.context.consultations.at(-1)).toMatchObject({ role: 'aufhebung', reason: 'Neu beraten' });
    });
  });

  describe('implementation (Beschlusskontrolle)', () => {
    const addTask = (taskId: string, dueDate = '2020-10-31', proposalKey?: string) =>
      ev<MotionEventOf<'ADD_TASK'>>({ type: 'ADD_TASK', taskId, title: `Aufgabe ${taskId}`, owner: 'Kommunales Integrationszentrum', dueDate, ...(proposalKey ? { proposalKey } : {}) }, '2020-09-03T09:00:00+02:00');
    const update = (taskId: string, patch: Partial<MotionEventOf<'UPDATE_TASK'>>, at = '2020-09-10T09:00:00+02:00') =>
      ev<MotionEventOf<'UPDATE_TASK'>>({ type: 'UPDATE_TASK', taskId, ...patch }, at);

    it('a task schedules a due-date timer; moving the date re-schedules it, finishing it cancels it', () => {
      const added = when(given(path.decided()), addTask('t1', '2020-10-31', '1'));
      expect(statusOf(added.snapshot.value)).toBe('implementation');
      expect(added.actions).toEqual([
        { type: 'scheduleTimer', params: { name: 'task-due:t1', fireAt: '2020-10-31T23:00:00.000Z', event: { type: 'TASK_DUE', taskId: 't1' } } },
      ]);
      const moved = when(added.snapshot, update('t1', { dueDate: '2020-08-31', report: 'früher fällig' }));
      expect(moved.actions).toEqual([
        { type: 'cancelTimer', params: { name: 'task-due:t1' } },
        { type: 'scheduleTimer', params: { name: 'task-due:t1', fireAt: '2020-08-31T22:00:00.000Z', event: { type: 'TASK_DUE', taskId: 't1' } } },
      ]);
      const done = when(moved.snapshot, update('t1', { status: 'done', report: 'Vereinbarung mit dem Jobcenter geschlossen' }));
      expect(done.actions).toEqual([{ type: 'cancelTimer', params: { name: 'task-due:t1' } }]);
      expect(done.snapshot.context.tasks[0]).toMatchObject({ status: 'done', completedAt: '2020-09-10T09:00:00+02:00' });
      expect(done.snapshot.context.tasks[0]!.reports.map((r) => r.text)).toEqual(['früher fällig', 'Vereinbarung mit dem Jobcenter geschlossen']);
    });

    it('the timer marks a still-open task overdue, and ignores one that is already done', () => {
      let s = given([...path.decided(), addTask('t1'), addTask('t2')]);
      s = when(s, update('t2', { status: 'done' })).snapshot;
      s = when(s, ev<MotionEventOf<'TASK_DUE'>>({ type: 'TASK_DUE', taskId: 't1' }, '2020-10-31T23:00:00.000Z')).snapshot;
      s = when(s, ev<MotionEventOf<'TASK_DUE'>>({ type: 'TASK_DUE', taskId: 't2' }, '2020-10-31T23:00:00.000Z')).snapshot;
      expect(s.context.tasks.map((t) => t.overdueSince)).toEqual(['2020-10-31T23:00:00.000Z', null]);
    });

    it('completes once every task is done or cancelled', () => {
      let s = given([...path.decided(), addTask('t1'), addTask('t2')]);
      s = when(s, update('t1', { status: 'done' })).snapshot;
      s = when(s, update('t2', { status: 'cancelled', report: 'entfällt' })).snapshot;
      s = when(s, ev({ type: 'COMPLETE_IMPLEMENTATION' }, '2020-11-02T09:00:00+01:00')).snapshot;
      expect(statusOf(s.value)).toBe('done');
      expect(s.context.closing).toEqual({ reason: 'Umsetzung abgeschlossen', at: '2020-11-02T09:00:00+01:00', by: 'clerk-sitzungsdienst' });
    });

    it('a motion with every proposal rejected is closed without tasks', () => {
      const s = given([...path.kreistagScheduled(), e.outcome('kt', 'rejected'), ev<MotionEventOf<'CLOSE'>>({ type: 'CLOSE' })]);
      expect(statusOf(s.value)).toBe('done');
      expect(s.context.decision!.outcomes).toEqual({ '1': 'rejected', '2': 'rejected' });
    });
  });
});

describe('the way back from co-signing (issue 13, point 6)', () => {
  const back = (reason = 'Freigabe verweigert: Zuständigkeit klären') => ev<MotionEventOf<'RETURN_TO_DRAFT'>>({ type: 'RETURN_TO_DRAFT', reason });

  it('given a co-signed motion whose release was refused, when the clerk returns it to draft, then the co-signatures are void and on record', () => {
    const s = given([...path.cosigning(), e.cosign('Jobcenter'), e.cosign('Kämmerei')]);
    const refusedRelease = when(s, e.release({ 'body-kt': [] }));
    expect(refusedRelease.codes).toEqual(['MOTION.NOT_COMPETENT']);
    const then = when(s, back());
    expect(statusOf(then.snapshot.value)).toBe('draft');
    expect(then.snapshot.context.cosignatures).toEqual([]);
    expect(then.snapshot.context.draftReturns).toEqual([
      { reason: 'Freigabe verweigert: Zuständigkeit klären', at: '2020-07-21T10:00:00+02:00', by: 'clerk-sitzungsdienst', voidedCosignatures: ['Jobcenter', 'Kämmerei'] },
    ]);
  });

  it('given a motion in co-signing, when returned without a reason, then MOTION.REASON_REQUIRED; in draft the state does not take it', () => {
    expect(when(given(path.cosigning()), back(' ')).codes).toEqual(['MOTION.REASON_REQUIRED']);
    expect(handledEvents(given())).not.toContain('RETURN_TO_DRAFT');
  });
});
