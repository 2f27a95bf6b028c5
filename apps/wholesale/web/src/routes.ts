import type { NavItem, Role } from '@gx/web/desk/context';
import type { RouteRecordRaw } from 'vue-router';

const everyone: Role[] = ['buyer', 'operator'];
const buyer: Role[] = ['buyer'];
const operator: Role[] = ['operator'];

/**
 * The desk's pages. Their paths never equal an API path of the wholesale app (a unit test checks it): a
 * reload of a deep link must reach the UI, not the API (`/lot/L-…` is the page, `/lots/L-…` the API).
 */
export const PAGES: RouteRecordRaw[] = [
  { path: '', component: () => import('./pages/BoardPage.vue') },
  { path: 'lot/:id', component: () => import('./pages/LotPage.vue') },
  { path: 'account', component: () => import('./pages/AccountPage.vue'), meta: { roles: buyer } },
  { path: 'prices', component: () => import('./pages/PricesPage.vue') },
  { path: 'listing', component: () => import('./pages/ListingPage.vue'), meta: { roles: operator } },
  { path: 'settlement', component: () => import('./pages/SettlementPage.vue'), meta: { roles: operator } },
];

export const NAV: NavItem[] = [
  { path: '/', label: 'ws.nav.board', roles: everyone },
  { path: '/account', label: 'ws.nav.account', roles: buyer },
  { path: '/prices', label: 'ws.nav.prices', roles: everyone },
  { path: '/listing', label: 'ws.nav.listing', roles: operator },
  { path: '/settlement', label: 'ws.nav.settlement', roles: operator },
];
