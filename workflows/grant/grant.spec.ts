/** The lifecycle, told as the Kreis Coesfeld case, plus timers, flags and persistence. */
import { createActor, initialTransition, transition } from 'xstate';
import {
  approvalNotice,
  baustein5Input,
  budgetAdoption2021,
  callFunds,
  caseUntilApproval,
  close,
  coesfeldInput,
  contracts,
  deadlineReached,
  earlyStartVhs,
  euros,
  event,
  given,
  on,
  proofOfUse,
  spend,
  submit,
  when,
} from './fixtures';
import { grantMachine, GrantViolation, isEndangered } from './index';
import type { GrantEvent } from './types';

const measureStart = (providerId: string, module: string, startedAt: string) =>
  event({ type: 'RECORD_MEASURE_START', providerId, module, startedAt }, on(startedAt));

const spendBy = 'spendBy:integrationspauschale';

/** The whole case in order; the engine would store exactly these events. */
const coesfeldCase: GrantEvent[] = [
  submit,
  earlyStartVhs,
  measureStart('vhs-luedinghausen', 'IV', '2020-08-17'),
  contracts.vhsIV,
  spend(2020, 5_000, on('2020-09-30')),
  approvalNotice,
  contracts.vhsIII,
  contracts.kurseIV,
  contracts.coachingA,
  contracts.coachingB,
  contracts.sprache,
  contracts.caritas,
  callFunds('MA-2020-1', 150_000, '2020-11-02'),
  spend(2020, 8_500, on('2020-12-15')),
  budgetAdoption2021,
  callFunds('MA-2021-1', 315_600, '2021-03-01'),
  spend(2021, 102_900, on('2021-11-15')),
  deadlineReached(spendBy, '2021-11-30T23:00:00.000Z'),
  proofOfUse,
  close,
];

describe('the Kreis Coesfeld case (Bausteine I–IV and VI)', () => {
  it('given the application, when the case runs, then it passes every state in order and closes', () => {
    let [snapshot] = initialTransition(grantMachine, coesfeldInput);
    const visited = [snapshot.value];
    for (const e of coesfeldCase) {
      const step = when(snapshot, e);
      expect({ type: e.type, refused: step.refused }).toEqual({ type: e.type, refused: false });
      snapshot = step.next;
      if (visited.at(-1) !== snapshot.value) visited.push(snapshot.value);
    }
    expect(visited).toEqual(['drafted', 'submitted', 'contracting', 'fundsCalled', 'proofSubmitted', 'closed']);
    expect(snapshot.status).toBe('done');
    const c = snapshot.context;
    expect(c.contracts).toHaveLength(7);
    expect(c.contracts.reduce((s, x) => s + x.amountCents, 0)).toBe(euros(465_600));
    expect(c.ownShareSpendings.reduce((s, x) => s + x.amountCents, 0)).toBe(euros(116_400));
    expect(c.endangerments).toEqual([]);
    expect(c.deadlines.map((d) => [d.name, d.status, d.overdue])).toEqual([
      ['proofOfUseDue', 'cancelled', false],
      [spendBy, 'reached', false],
    ]);
  });

  it('given the early start, when the VHS course starts on 17.08.2020, then the start is covered and nothing is flagged', () => {
    const s = given(coesfeldInput, submit, earlyStartVhs, measureStart('vhs-luedinghausen', 'IV', '2020-08-17'));
    expect(s.context.measureStarts[0]?.coveredBy).toBe('earlyStart');
    expect(isEndangered(s.context)).toBe(false);
  });

  it('given the approval notice after an early-start contract, then the procedure goes straight to contracting', () => {
    expect(given(coesfeldInput, ...caseUntilApproval(), approvalNotice).value).toBe('contracting');
  });

  it('given the approval notice, then contracts pass on its conditions, followed by their own', () => {
    const own = { ...contracts.caritas, conditions: ['ANBest-G', 'Pilotkommune Dülmen'] };
    const s = given(coesfeldInput, submit, approvalNotice, own);
    expect(s.context.contracts[0]?.conditions).toEqual([
      'ANBest-G',
      'Weiterleitung nach Nr. 12 VV zu § 44 LHO',
      'Pilotkommune Dülmen',
    ]);
  });

  it('given contracting, when funds are called, then later contracts for other modules are still possible', () => {
    const s = given(coesfeldInput, submit, approvalNotice, contracts.caritas, callFunds('MA-1', 10_000, '2020-11-02'));
    expect(when(s, contracts.coachingA).next.value).toBe('fundsCalled');
  });
});

describe('Baustein V (Innovationsfonds): not considered', () => {
  it('given the supported application, when the rejection is recorded, then the procedure ends rejected', () => {
    const rejection = event({ type: 'REJECT', date: '2020-06-30', reason: 'Antrag im Wettbewerb nicht berücksichtigt' }, on('2020-07-02'));
    const s = given(baustein5Input, event({ type: 'SUBMIT' }, on('2020-03-30')), rejection);
    expect(s.value).toBe('rejected');
    expect(s.status).toBe('done');
    expect(s.context.rejection).toEqual({ date: '2020-06-30', reason: rejection.reason, recordedAt: rejection.at });
    expect(when(s, approvalNotice).refused).toBe(true);
  });
});

describe('measures started without approval (GRANT.MEASURE_ENDANGERS_GRANT is a flag, not a refusal)', () => {
  it('given no early start, when a measure starts, then it is recorded and flagged', () => {
    const s = given(coesfeldInput, submit, measureStart('traeger-a', 'I', '2020-09-01'));
    expect(s.context.measureStarts).toHaveLength(1);
    expect(s.context.endangerments).toEqual([
      expect.objectContaining({ code: GrantViolation.MEASURE_ENDANGERS_GRANT, providerId: 'traeger-a', module: 'I', startedAt: '2020-09-01' }),
    ]);
    expect(isEndangered(s.context)).toBe(true);
  });

  it('given the provider’s register name in the event, then the flag names the provider by it, not by its id', () => {
    const id = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
    const start = event({ type: 'RECORD_MEASURE_START', providerId: id, providerName: 'Caritasverband für den Kreis Coesfeld e.V.', module: 'VI', startedAt: '2020-05-01' }, on('2020-05-01'));
    const [flag] = given(coesfeldInput, submit, start).context.endangerments;
    expect(flag?.reason).toBe(
      'Measure of module VI by Caritasverband für den Kreis Coesfeld e.V. started on 2020-05-01 without an approval notice (Bewilligungsbescheid) or an early-start approval (vorzeitiger Maßnahmebeginn) covering it: the grant is endangered.',
    );
    expect(flag?.reason).not.toContain(id);
  });

  it('given a measure in the draft stage, then it is flagged too', () => {
    expect(isEndangered(given(coesfeldInput, measureStart('vhs-luedinghausen', 'III', '2020-05-04')).context)).toBe(true);
  });

  it('given the approval notice of 01.10.2020, when a start on 15.09.2020 is recorded later, then it is flagged', () => {
    const s = given(coesfeldInput, submit, approvalNotice, measureStart('traeger-c', 'II', '2020-09-15'));
    expect(s.context.measureStarts[0]?.coveredBy).toBeNull();
    expect(isEndangered(s.context)).toBe(true);
  });

  it('given the approval notice, when a start on or after its date is recorded, then it is covered', () => {
    const s = given(coesfeldInput, submit, approvalNotice, measureStart('traeger-c', 'II', '2020-10-01'));
    expect(s.context.measureStarts[0]?.coveredBy).toBe('approval');
    expect(isEndangered(s.context)).toBe(false);
  });
});

describe('deadlines as durable timers', () => {
  it('given the approval notice, then the proof-of-use and spend-by timers are scheduled for the end of the Berlin day', () => {
    const { actions } = when(given(coesfeldInput, submit), approvalNotice);
    expect(actions).toEqual([
      {
        type: 'scheduleTimer',
        params: { name: 'proofOfUseDue', fireAt: '2022-06-30T22:00:00.000Z', event: { type: 'DEADLINE_REACHED', deadline: 'proofOfUseDue' } },
      },
      {
        type: 'scheduleTimer',
        params: { name: spendBy, fireAt: '2021-11-30T23:00:00.000Z', event: { type: 'DEADLINE_REACHED', deadline: spendBy } },
      },
    ]);
  });

  it('given a proof-of-use date in the notice, then it overrides the application’s', () => {
    const s = given(coesfeldInput, submit, { ...approvalNotice, proofOfUseDue: '2022-03-31' });
    expect(s.context.approval?.proofOfUseDue).toBe('2022-03-31');
    expect(s.context.deadlines.find((d) => d.name === 'proofOfUseDue')?.fireAt).toBe('2022-03-31T22:00:00.000Z');
  });

  it('given own share left at the spend-by date, when the deadline is reached, then it is recorded as overdue without changing the state', () => {
    const before = given(coesfeldInput, submit, approvalNotice, spend(2020, 13_500, on('2020-12-01')));
    const s = when(before, deadlineReached(spendBy, '2021-11-30T23:00:00.000Z')).next;
    expect(s.value).toBe('approved');
    expect(s.context.deadlines.find((d) => d.name === spendBy)).toMatchObject({
      status: 'reached',
      reachedAt: '2021-11-30T23:00:00.000Z',
      overdue: true,
      note: '102.900,00 EUR of the own share were not spent by the spend-by date.',
    });
  });

  it('given no proof of use, when its deadline is reached, then it is overdue and the proof can still be submitted', () => {
    const s = given(coesfeldInput, ...caseUntilApproval(), approvalNotice, callFunds('MA-1', 1_000, '2020-11-02'));
    const late = when(s, deadlineReached('proofOfUseDue', '2022-06-30T22:00:00.000Z')).next;
    expect(late.context.deadlines.find((d) => d.name === 'proofOfUseDue')).toMatchObject({ status: 'reached', overdue: true });
    expect(when(late, proofOfUse).next.value).toBe('proofSubmitted');
  });

  it('given the proof of use is submitted, then its timer is cancelled', () => {
    const s = given(coesfeldInput, ...caseUntilApproval(), approvalNotice, callFunds('MA-1', 1_000, '2020-11-02'));
    const { next, actions } = when(s, proofOfUse);
    expect(actions).toEqual([{ type: 'cancelTimer', params: { name: 'proofOfUseDue' } }]);
    expect(next.context.deadlines.map((d) => d.status)).toEqual(['cancelled', 'pending']);
  });

  it('given pending deadlines, when closed, then the remaining timers are cancelled', () => {
    const s = given(coesfeldInput, ...caseUntilApproval(), approvalNotice, callFunds('MA-1', 1_000, '2020-11-02'), proofOfUse);
    expect(when(s, close).actions).toEqual([{ type: 'cancelTimer', params: { name: spendBy } }]);
  });

  it('given an approved grant, when withdrawn, then all timers are cancelled', () => {
    const withdraw = event({ type: 'WITHDRAW', reason: 'Landesinitiative nicht umgesetzt' }, on('2020-10-06'));
    const { next, actions } = when(given(coesfeldInput, submit, approvalNotice), withdraw);
    expect(next.value).toBe('withdrawn');
    expect(actions.map((a) => a.type)).toEqual(['cancelTimer', 'cancelTimer']);
    expect(next.context.deadlines.every((d) => d.status === 'cancelled')).toBe(true);
  });
});

describe('the application while drafted', () => {
  it('given a draft, when edited, then the changed fields replace the old ones', () => {
    const edit = event({ type: 'EDIT_APPLICATION', eligibleCostCents: euros(600_000), modules: ['I', 'VI'] }, on('2020-06-01'));
    const s = given(coesfeldInput, edit);
    expect(s.context.application).toEqual({ ...coesfeldInput, eligibleCostCents: euros(600_000), modules: ['I', 'VI'] });
  });

  it('given a submitted application, then it can no longer be edited', () => {
    expect(when(given(coesfeldInput, submit), event({ type: 'EDIT_APPLICATION', requestedCents: 1 }, on('2020-07-01'))).refused).toBe(true);
  });
});

describe('persistence', () => {
  it('given a persisted snapshot mid-case, when it goes through JSON and is restored, then it continues identically', () => {
    const half = coesfeldCase.length / 2;
    const [head, tail] = [coesfeldCase.slice(0, half), coesfeldCase.slice(half)];
    const live = given(coesfeldInput, ...head);

    const stored = JSON.parse(JSON.stringify(grantMachine.getPersistedSnapshot(live))) as typeof live;
    const restored = grantMachine.resolveState(stored);
    expect(restored.value).toBe(live.value);
    expect(restored.context).toEqual(live.context);

    const actor = createActor(grantMachine, { snapshot: stored, input: coesfeldInput }).start();
    let direct = live;
    for (const e of tail) {
      actor.send(e);
      direct = transition(grantMachine, direct, e)[0];
    }
    expect(actor.getSnapshot().value).toBe('closed');
    expect(actor.getSnapshot().context).toEqual(direct.context);
    expect(JSON.parse(JSON.stringify(actor.getSnapshot().context))).toEqual(direct.context);
  });
});
