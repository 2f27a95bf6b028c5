import type { UserEvent } from '../user.events';
import { evolveUserDirectory, partyKindOf, type UserDirectoryDoc } from './user-directory';

const t0 = '2026-12-02T01:00:00.000Z';
const t1 = '2026-12-02T02:00:00.000Z';
const registered: UserEvent = {
  type: 'UserRegistered',
  data: {
    username: 'buyer3',
    displayName: 'Yanggu 果品',
    passwordHash: 'scrypt$secret',
    roles: ['buyer'],
    party: 'BUYER-LC-003',
    mobile: '13800138000',
  },
};
const fold = (events: UserEvent[]): UserDirectoryDoc | null =>
  events.reduce<UserDirectoryDoc | null>((doc, e, i) => evolveUserDirectory(doc, e, i === 0 ? t0 : t1), null);

describe('read model users', () => {
  it('lists a registered account with its roles, party and kind, never its password hash or mobile number', () => {
    expect(fold([registered])).toEqual({
      _id: 'buyer3',
      username: 'buyer3',
      displayName: 'Yanggu 果品',
      roles: ['buyer'],
      roleFlags: { buyer: true },
      party: 'BUYER-LC-003',
      partyKind: 'buyer',
      disabled: false,
      createdAt: t0,
      updatedAt: t0,
    });
    expect(JSON.stringify(fold([registered]))).not.toMatch(/scrypt|13800138000/);
  });

  it('follows new roles (dropping the party of a role no longer held), disabling and enabling', () => {
    const leader = fold([registered, { type: 'RolesAssigned', data: { roles: ['leader'], party: 'PP-DCF-01' } }]);
    expect(leader).toMatchObject({
      roles: ['leader'],
      roleFlags: { leader: true },
      party: 'PP-DCF-01',
      partyKind: 'pickupPoint',
      updatedAt: t1,
    });
    const consumer = fold([registered, { type: 'RolesAssigned', data: { roles: ['consumer'] } }]);
    expect(consumer).toMatchObject({ roleFlags: { consumer: true } });
    expect(consumer).not.toHaveProperty('party');
    expect(consumer).not.toHaveProperty('partyKind');
    expect(consumer?.roleFlags).not.toHaveProperty('buyer');
    expect(fold([registered, { type: 'UserDisabled', data: { reason: '离职' } }])?.disabled).toBe(true);
    expect(fold([registered, { type: 'UserDisabled', data: {} }, { type: 'UserEnabled', data: {} }])?.disabled).toBe(
      false,
    );
  });

  it('gives the same document when an event is applied twice, and ignores password changes and sign-outs', () => {
    const once = fold([registered]);
    expect(evolveUserDirectory(once, registered, t0)).toEqual(once);
    const disabled = evolveUserDirectory(once, { type: 'UserDisabled', data: {} }, t1);
    expect(evolveUserDirectory(disabled, { type: 'UserDisabled', data: {} }, t1)).toEqual(disabled);
    expect(evolveUserDirectory(once, { type: 'PasswordChanged', data: { passwordHash: 'x', reset: true } }, t1)).toBe(
      once,
    );
    expect(evolveUserDirectory(once, { type: 'SessionsEnded', data: {} }, t1)).toBe(once);
    expect(evolveUserDirectory(null, { type: 'UserEnabled', data: {} }, t1)).toBeNull();
  });

  it('shows an erased person as 已删除 and disabled, whatever the key store says', () => {
    const erased = fold([
      registered,
      { type: 'PersonalDataErased', data: { subject: 'user:buyer3', reason: '本人申请' } },
    ]);
    expect(erased).toMatchObject({
      username: 'buyer3',
      displayName: '已删除',
      disabled: true,
      erased: true,
      updatedAt: t1,
      roles: ['buyer'],
    });
  });

  it('names the party kind of the acting role', () => {
    expect(partyKindOf(['purchaser'])).toBe('kitchen');
    expect(partyKindOf(['consumer', 'leader'])).toBe('pickupPoint');
    expect(partyKindOf(['operator'])).toBeUndefined();
  });
});
