import { createApp, ref, type Component } from 'vue';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Locale } from '../format';
import { createDeskI18n, type Messages } from '../i18n';
import { toProblem } from '../problem';
import { createSession } from '../session';
import { MOBILE, type Me, type MobileContext, type Role, type TabItem } from './context';
import { MOBILE_MESSAGES } from './messages';

/** What an app gives to {@link createMobile}. */
export interface MobileOptions {
  root: Component;
  /** i18n key of the app's title. */
  title: string;
  tabs: TabItem[];
  /** The app's pages, children of the shell; `meta.roles` makes one need signing in with one of them. */
  pages: RouteRecordRaw[];
  messages: Record<Locale, Messages>;
}

async function readJson(response: Response): Promise<unknown> {
  return (response.headers.get('content-type') ?? '').includes('json') ? response.json() : null;
}

/**
 * A mobile H5 app (Vant): pages anyone may open, pages that need signing in (`meta.roles`), the
 * sign-in / sign-up page that returns to where the person was, vue-i18n (zh-CN default) and the
 * session. On a phone the session is kept in localStorage: people expect to stay signed in.
 */
export function createMobile(options: MobileOptions) {
  const session = createSession(localStorage);
  const me = ref<Me | null>(null);
  const merge = (locale: Locale): Messages => ({ ...MOBILE_MESSAGES[locale], ...options.messages[locale] });
  const i18n = createDeskI18n({ 'zh-CN': merge('zh-CN'), en: merge('en') });

  async function fetchMe(): Promise<Me> {
    const response = await fetch('/me', { headers: { authorization: `Bearer ${session.token() ?? ''}` } });
    if (!response.ok) throw toProblem(await readJson(response), response.status);
    me.value = (await response.json()) as Me;
    return me.value;
  }

  async function tokenFrom(path: string, body: object): Promise<Me> {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await readJson(response);
    if (!response.ok) throw toProblem(answer, response.status);
    session.signIn((answer as { accessToken: string }).accessToken);
    return fetchMe();
  }

  const router = createRouter({
    history: createWebHistory(),
    scrollBehavior: () => ({ top: 0 }),
    routes: [
      { path: '/login', component: () => import('./SignInPage.vue') },
      { path: '/signup', component: () => import('./SignInPage.vue'), meta: { signUp: true } },
      { path: '/', component: () => import('./MobileShell.vue'), children: options.pages },
      { path: '/:rest(.*)*', component: () => import('./NotFoundPage.vue') },
    ],
  });

  const mobile: MobileContext = {
    title: options.title,
    tabs: options.tabs,
    session,
    me,
    async loadMe() {
      if (me.value) return me.value;
      if (!session.token()) return null;
      try {
        return await fetchMe();
      } catch {
        session.signOut();
        return null;
      }
    },
    signIn: (username, password) => tokenFrom('/auth/login', { username, password }),
    signUp: (input) => tokenFrom('/auth/signup', input),
    signOut() {
      session.signOut();
      me.value = null;
      void router.push('/');
    },
  };

  router.beforeEach(async (to) => {
    const roles = to.meta.roles as Role[] | undefined;
    const user = await mobile.loadMe();
    if (!roles) return true;
    if (user?.roles.some((role) => roles.includes(role))) return true;
    return { path: '/login', query: { next: to.fullPath } };
  });

  const app = createApp(options.root);
  app.provide(MOBILE, mobile);
  app.use(i18n);
  app.use(router);
  /** A 401 of any API call: the session ended; sign in again and come back. */
  const onUnauthorized = (): void => {
    me.value = null;
    void router.push({ path: '/login', query: { next: router.currentRoute.value.fullPath } });
  };
  return { app, router, i18n, session, mobile, onUnauthorized };
}

/** Where to go after signing in: the page the person came from (a path of this app), else home. */
export function nextPath(query: unknown): string {
  return typeof query === 'string' && query.startsWith('/') && !query.startsWith('//') ? query : '/';
}
