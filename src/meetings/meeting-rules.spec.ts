import { MeetingViolation, refuse, stateAllows } from './meeting-rules';

// The rules themselves are specified with the machine: workflows/meeting/rules.spec.ts.
describe('refuse', () => {
  it('throws the first violation: 409 for the state, 422 for the facts', () => {
    expect(() => refuse(undefined, undefined)).not.toThrow();
    expect(() => refuse(stateAllows({ state: 'held' }, 'invite'))).toThrow(expect.objectContaining({ status: 409, code: MeetingViolation.INVALID_TRANSITION }));
    expect(() => refuse(undefined, { code: MeetingViolation.NOT_YET_BEGUN, message: 'noch nicht' }, { code: MeetingViolation.IN_PAST, message: 'vorbei' })).toThrow(
      expect.objectContaining({ status: 422, code: MeetingViolation.NOT_YET_BEGUN }),
    );
  });
});
