import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { ERASED_TEXT, type PersonalText } from '../shared/personal-data';
import { editableDecider, type RegisteredState } from './register-once';

/** Kinds of central-kitchen customers: school 农校, restaurant 农餐, enterprise 农企, hospital 医院. */
export const KITCHEN_KINDS = ['school', 'restaurant', 'enterprise', 'hospital'] as const;
export type KitchenKind = (typeof KITCHEN_KINDS)[number];

/** A kitchen's contact person: personal data, sealed in events (plain text only in logs from before sealing). */
export interface KitchenContact {
  name: PersonalText;
  phone: PersonalText;
}

export interface KitchenData {
  code: string;
  name: string;
  kind: KitchenKind;
  address: string;
  contact: KitchenContact;
}

/** Stream of one kitchen: `kitchen-<code>`. */
export const kitchenStream = (code: string): string => `kitchen-${code}`;

const editable = editableDecider<
  'RegisterKitchen',
  'KitchenRegistered',
  'UpdateKitchen',
  'KitchenUpdated',
  KitchenData
>({
  name: 'kitchen',
  commandType: 'RegisterKitchen',
  eventType: 'KitchenRegistered',
  updateType: 'UpdateKitchen',
  updatedType: 'KitchenUpdated',
  label: 'kitchen',
});

/** Erase the kitchen's contact person's name and phone on their request (个人信息保护法); audited. */
export type EraseKitchenContact = { type: 'EraseKitchenContact'; code: string; reason: string };
export type KitchenCommand = Parameters<typeof editable.decide>[0] | EraseKitchenContact;
export type KitchenEvent =
  Parameters<typeof editable.evolve>[1] | { type: 'PersonalDataErased'; data: { subject: string; reason: string } };

/**
 * A kitchen's state; `contactErasures` counts the erasures of its contact persons. Each generation of contacts is
 * sealed under its own subject (see {@link kitchenContactSubject}), so an erasure destroys the key of every contact
 * recorded since the one before, and a contact named afterwards gets a fresh key.
 */
export type KitchenState = RegisteredState<KitchenData> & { contactErasures?: number };

/** The subject whose key seals the kitchen's contact persons of the current generation. */
export const kitchenContactSubject = (code: string, state: KitchenState): string =>
  `kitchen-contact:${code}:${state.contactErasures ?? 0}`;

const isErased = (contact: KitchenContact): boolean => contact.name === ERASED_TEXT && contact.phone === ERASED_TEXT;

/** A kitchen (食堂) the central kitchen supplies under contracts; its purchasers act for it. Operators register and edit it, and erase its contact person's data. */
export const kitchenDecider: Decider<KitchenCommand, KitchenEvent, KitchenState> & { name: string } = {
  name: 'kitchen',
  initialState: { exists: false },
  decide(command, state) {
    if (command.type !== 'EraseKitchenContact') return editable.decide(command, state);
    if (!state.exists) throw new DomainError('NOT_FOUND', `no kitchen ${command.code}`, 'code');
    // Erasing again appends nothing: the key of that generation is gone already.
    if (isErased(state.data.contact)) return [];
    return [
      {
        type: 'PersonalDataErased',
        data: { subject: kitchenContactSubject(command.code, state), reason: command.reason },
      },
    ];
  },
  evolve(state, event) {
    if (event.type === 'PersonalDataErased') {
      return state.exists
        ? {
            ...state,
            data: { ...state.data, contact: { name: ERASED_TEXT, phone: ERASED_TEXT } },
            contactErasures: (state.contactErasures ?? 0) + 1,
          }
        : state;
    }
    const next = editable.evolve(state, event);
    return state.contactErasures === undefined ? next : { ...next, contactErasures: state.contactErasures };
  },
};
