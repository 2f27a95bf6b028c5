import { createApp, ref, type Component } from 'vue';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { toProblem } from '../problem';
import { createSession } from '../session';
import type { Locale } from '../format';
import { createDeskI18n, type Messages } from '../i18n';
import { DESK, type DeskContext, type LoginResponse, type Me, type NavItem, type Role } from './context';
import { DESK_MESSAGES } from './messages';

/** What an app gives to {@link createDesk}. */
export interface DeskOptions {
  root: Component;
  /** i18n key of the desk's title (header, login page). */
  title: string;
  /** Roles that may use this desk (others are refused at sign-in). */
  roles: Role[];
  nav: NavItem[];
  /** The desk's pages, children of the shell (`meta.roles` restricts one further). */
  pages: RouteRecordRaw[];
  messages: Record<Locale, Messages>;
}

async function readJson(response: Response): Promise<unknown> {
  return (response.headers.get('content-type') ?? '').includes('json') ? response.json() : null;
}

/**
 * A desk (Element Plus back office): login page, the shell with role-aware navigation, vue-i18n
 * (zh-CN default), the session (bearer and refresh tokens in sessionStorage, refreshed silently) and a router guard sending a signed-out
 * visitor to the login page and back to the deep link they asked for after signing in.
 */
export function createDesk(options: DeskOptions) {
  const session = createSession();
  const me = ref<Me | null>(null);
  const merge = (locale: Locale): Messages => ({ ...DESK_MESSAGES[locale], ...options.messages[locale] });
  const i18n = createDeskI18n({ 'zh-CN': merge('zh-CN'), en: merge('en') });

  async function loadMe(): Promise<Me> {
    const response = await fetch('/me', { headers: { authorization: `Bearer ${(await session.freshToken()) ?? ''}` } });
    if (!response.ok) throw toProblem(await readJson(response), response.status);
    me.value = (await response.json()) as Me;
    return me.value;
  }

  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/login', component: () => import('./LoginPage.vue'), meta: { public: true } },
      { path: '/', component: () => import('./DeskShell.vue'), children: options.pages },
      { path: '/:rest(.*)*', component: () => import('./NotFoundPage.vue'), meta: { public: true } },
    ],
  });

  const desk: DeskContext = {
    title: options.title,
    roles: options.roles,
    nav: options.nav,
    session,
    me,
    async signIn(username, password) {
      const response = await fetch('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const body = await readJson(response);
      if (!response.ok) throw toProblem(body, response.status);
      const login = body as LoginResponse;
      session.signIn(login.accessToken, { refreshToken: login.refreshToken, expiresIn: login.expiresIn });
      return loadMe();
    },
    signOut() {
      session.signOut({ endSession: true });
      me.value = null;
      void router.push('/login');
    },
  };

  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const back = { path: '/login', query: { next: to.fullPath } };
    if (!session.token()) return back;
    if (!me.value) {
      try {
        await loadMe();
      } catch {
        session.signOut();
        return back;
      }
    }
    const allowed = (to.meta.roles as Role[] | undefined) ?? options.roles;
    return me.value?.roles.some((role) => allowed.includes(role)) ? true : back;
  });

  const app = createApp(options.root);
  app.provide(DESK, desk);
  app.use(i18n);
  app.use(router);
  /** A 401 of any API call: the session ended; sign in again and come back. */
  const onUnauthorized = (): void => {
    me.value = null;
    void router.push({ path: '/login', query: { next: router.currentRoute.value.fullPath } });
  };
  return { app, router, i18n, session, onUnauthorized };
}
