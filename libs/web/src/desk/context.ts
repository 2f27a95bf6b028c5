import { inject, type InjectionKey, type Ref } from 'vue';
import type { components } from '../api/operations';
import type { SessionStore } from '../session';

/** The signed-in user as `GET /me` answers (the same in every app). */
export type Me = components['schemas']['MeResponse'];
export type LoginResponse = components['schemas']['LoginResponse'];
export type Role = Me['roles'][number];

/** An entry of the side navigation, shown to users having one of `roles`. */
export interface NavItem {
  path: string;
  /** i18n key of the label. */
  label: string;
  roles: Role[];
}

/** What the shared desk parts (login page, shell) know of the desk they are in. */
export interface DeskContext {
  /** i18n key of the desk's title. */
  title: string;
  /** Roles that may use this desk at all. */
  roles: Role[];
  nav: NavItem[];
  session: SessionStore;
  me: Ref<Me | null>;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): void;
}

export const DESK: InjectionKey<DeskContext> = Symbol('desk');

export function useDesk(): DeskContext {
  const desk = inject(DESK);
  if (!desk) throw new Error('useDesk() outside a desk created by createDesk()');
  return desk;
}
