import type { KitchenContact } from '@gx/domain';
import type { PersonalDataVault } from '../personal-data/personal-data-vault';

/**
 * A kitchen's contact person (name and phone) is personal data: sealed with the key of the subject
 * `kitchen-contact:<code>:<generation>` (see `kitchenContactSubject` of the domain; the subject comes from
 * `CatalogCommands.kitchenContactSubject`) before its event is appended, opened when an answer is shaped
 * (已删除 once erased).
 */

/** The contact as it goes into `KitchenRegistered` / `KitchenUpdated`. */
export async function sealKitchenContact(
  vault: PersonalDataVault,
  subject: string,
  contact: { name: string; phone: string },
  now?: string,
): Promise<KitchenContact> {
  const sealed = await vault.sealAll(subject, contact, now);
  return { name: sealed.name ?? contact.name, phone: sealed.phone ?? contact.phone };
}

/** The kitchen with its contact opened for an answer. */
export async function openKitchenContact<T extends { contact: KitchenContact }>(
  vault: PersonalDataVault,
  kitchen: T,
): Promise<Omit<T, 'contact'> & { contact: { name: string; phone: string } }> {
  const [name, phone] = await vault.openAll([kitchen.contact.name, kitchen.contact.phone]);
  return { ...kitchen, contact: { name: name ?? '', phone: phone ?? '' } };
}
