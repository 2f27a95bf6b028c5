import type { NavItem, Role } from '@gx/web/desk/context';
import type { RouteRecordRaw } from 'vue-router';

const purchaser: Role[] = ['purchaser'];
const operator: Role[] = ['operator'];
const both: Role[] = ['purchaser', 'operator'];

/**
 * The portal's pages. Their paths never equal an API path of the kitchen app (`/contracts`,
 * `/deliveries`, `/statements`…): a reload of a deep link must reach the UI, not the API.
 */
export const PAGES: RouteRecordRaw[] = [
  { path: '', component: () => import('./pages/HomePage.vue') },
  { path: 'contract', component: () => import('./pages/ContractPage.vue'), meta: { roles: purchaser } },
  { path: 'calendar', component: () => import('./pages/CalendarPage.vue'), meta: { roles: purchaser } },
  { path: 'inbound', component: () => import('./pages/DeliveriesPage.vue'), meta: { roles: purchaser } },
  { path: 'billing', component: () => import('./pages/StatementPage.vue'), meta: { roles: both } },
  { path: 'spend', component: () => import('./pages/SpendingPage.vue'), meta: { roles: both } },
  { path: 'supply', component: () => import('./pages/SupplyPage.vue'), meta: { roles: operator } },
  { path: 'dispatch', component: () => import('./pages/DispatchPage.vue'), meta: { roles: operator } },
];

export const NAV: NavItem[] = [
  { path: '/contract', label: 'kit.nav.contract', roles: purchaser },
  { path: '/calendar', label: 'kit.nav.calendar', roles: purchaser },
  { path: '/inbound', label: 'kit.nav.deliveries', roles: purchaser },
  { path: '/billing', label: 'kit.nav.statement', roles: both },
  { path: '/spend', label: 'kit.nav.spending', roles: both },
  { path: '/supply', label: 'kit.nav.supply', roles: operator },
  { path: '/dispatch', label: 'kit.nav.dispatch', roles: operator },
];
