import { DomainError } from '../shared/domain-error';
import { ERASED_TEXT, type SealedPersonalData } from '../shared/personal-data';
import { userDecider } from './user.decide';
import type { UserEvent } from './user.events';
import type { UserState } from './user.state';

const sealed = (ct: string): SealedPersonalData => ({ $pii: 'user:c-1', v: 1, iv: 'aXY=', ct, tag: 'dGFn' });
const registered: UserEvent = {
  type: 'UserRegistered',
  data: {
    username: 'c-1',
    displayName: sealed('bmFtZQ=='),
    passwordHash: sealed('aGFzaA=='),
    roles: ['consumer'],
    mobile: sealed('bW9iaWxl'),
  },
};
const fold = (events: UserEvent[]): UserState => events.reduce(userDecider.evolve, userDecider.initialState);

describe('user account: erasure of personal data', () => {
  it('records the erasure with its subject and reason, once', () => {
    const state = fold([registered]);
    const events = userDecider.decide({ type: 'ErasePersonalData', reason: '本人申请' }, state);
    expect(events).toEqual([{ type: 'PersonalDataErased', data: { subject: 'user:c-1', reason: '本人申请' } }]);
    expect(userDecider.decide({ type: 'ErasePersonalData', reason: 'again' }, fold([registered, ...events]))).toEqual(
      [],
    );
  });

  it('leaves the account disabled for good, without password hash or mobile number, its sessions ended', () => {
    const before = fold([registered]);
    const after = fold([registered, { type: 'PersonalDataErased', data: { subject: 'user:c-1', reason: 'r' } }]);
    expect(after).toEqual({
      exists: true,
      data: {
        username: 'c-1',
        displayName: ERASED_TEXT,
        passwordHash: '',
        roles: ['consumer'],
        disabled: true,
        erased: true,
        sessionEpoch: (before.exists ? before.data.sessionEpoch : 0) + 1,
      },
    });
  });

  it('refuses every other change of an erased account', () => {
    const erased = fold([registered, { type: 'PersonalDataErased', data: { subject: 'user:c-1', reason: 'r' } }]);
    for (const command of [
      { type: 'EnableUser' as const },
      { type: 'ChangePassword' as const, passwordHash: 'x', reset: true },
      { type: 'AssignRoles' as const, roles: ['operator' as const] },
    ]) {
      const error = (() => {
        try {
          userDecider.decide(command, erased);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'PERSON_ERASED' });
    }
  });

  it('refuses to erase an account that does not exist', () => {
    expect(() => userDecider.decide({ type: 'ErasePersonalData', reason: 'r' }, userDecider.initialState)).toThrow(
      DomainError,
    );
  });
});
