import { inject, type InjectionKey, type Ref } from 'vue';
import type { Me, Role } from '../desk/context';
import type { SessionStore } from '../session';

export type { Me, Role };

/** A tab of the bottom bar, shown to everyone (no roles) or to users having one of `roles`. */
export interface TabItem {
  path: string;
  /** i18n key of the label. */
  label: string;
  /** Vant icon name. */
  icon: string;
  roles?: Role[];
}

/** A consumer signing up with a mobile number (`POST /auth/signup`). */
export interface SignUpInput {
  mobile: string;
  password: string;
  displayName?: string;
}

/** What the shared mobile parts (shell, sign-in page) know of the app they are in. */
export interface MobileContext {
  /** i18n key of the app's title. */
  title: string;
  tabs: TabItem[];
  session: SessionStore;
  me: Ref<Me | null>;
  /** The signed-in user, loaded once per session (null when signed out or the token is no longer valid). */
  loadMe(): Promise<Me | null>;
  signIn(username: string, password: string): Promise<Me>;
  signUp(input: SignUpInput): Promise<Me>;
  signOut(): void;
}

export const MOBILE: InjectionKey<MobileContext> = Symbol('mobile');

export function useMobile(): MobileContext {
  const mobile = inject(MOBILE);
  if (!mobile) throw new Error('useMobile() outside an app created by createMobile()');
  return mobile;
}
