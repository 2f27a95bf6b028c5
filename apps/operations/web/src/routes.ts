import type { NavItem, Role } from '@gx/web/desk/context';
import type { RouteRecordRaw } from 'vue-router';

const operator: Role[] = ['operator'];

/**
 * The console's pages. Their paths never equal an API path of the operations app (test/web checks it):
 * a reload of a deep link must reach the UI, not the API.
 */
export const PAGES: RouteRecordRaw[] = [
  { path: '', component: () => import('./pages/DashboardPage.vue') },
  { path: 'receiving', component: () => import('./pages/ReceivingPage.vue') },
  { path: 'inventory', component: () => import('./pages/InventoryPage.vue') },
  { path: 'shipments', component: () => import('./pages/ShipmentsPage.vue') },
  { path: 'stocktakes', component: () => import('./pages/StocktakesPage.vue') },
  { path: 'losses', component: () => import('./pages/LossesPage.vue') },
  { path: 'inspections', component: () => import('./pages/InspectionsPage.vue') },
  { path: 'tracing', component: () => import('./pages/TracingPage.vue') },
  { path: 'analytics', component: () => import('./pages/AnalyticsPage.vue') },
  { path: 'read-models', component: () => import('./pages/ReadModelsPage.vue') },
  { path: 'master-data', component: () => import('./pages/MasterDataPage.vue') },
  { path: 'accounts', component: () => import('./pages/UsersPage.vue') },
  { path: 'buyer-accounts', component: () => import('./pages/BuyersPage.vue') },
];

export const NAV: NavItem[] = [
  { path: '/', label: 'ops.nav.dashboard', roles: operator },
  { path: '/receiving', label: 'ops.nav.receiving', roles: operator },
  { path: '/inventory', label: 'ops.nav.inventory', roles: operator },
  { path: '/shipments', label: 'ops.nav.shipments', roles: operator },
  { path: '/stocktakes', label: 'ops.nav.stocktakes', roles: operator },
  { path: '/losses', label: 'ops.nav.losses', roles: operator },
  { path: '/inspections', label: 'ops.nav.inspections', roles: operator },
  { path: '/tracing', label: 'ops.nav.tracing', roles: operator },
  { path: '/analytics', label: 'ops.nav.analytics', roles: operator },
  { path: '/read-models', label: 'ops.nav.readModels', roles: operator },
  { path: '/master-data', label: 'ops.nav.masterData', roles: operator },
  { path: '/accounts', label: 'ops.nav.users', roles: operator },
  { path: '/buyer-accounts', label: 'ops.nav.buyers', roles: operator },
];
