import type { RouteRecordRaw } from 'vue-router';
import type { TabItem } from '@gx/web/mobile/context';

/**
 * Pages of the storefront. Their paths never equal an API path (`/campaigns/{id}`, `/orders/{id}`,
 * `/me/orders`, `/trace/{token}`, `/pickups/{code}` are the API's): a reload of any page shows the UI.
 */
export const PAGES: RouteRecordRaw[] = [
  { path: '', component: () => import('./pages/CampaignsPage.vue') },
  { path: 'c/:id', component: () => import('./pages/CampaignPage.vue') },
  { path: 'my/orders', component: () => import('./pages/OrdersPage.vue'), meta: { roles: ['consumer'] } },
  { path: 'my/orders/:id', component: () => import('./pages/OrderPage.vue'), meta: { roles: ['consumer'] } },
  { path: 't/:token', component: () => import('./pages/TracePage.vue') },
  { path: 'leader', component: () => import('./pages/LeaderPage.vue'), meta: { roles: ['leader'] } },
  { path: 'leader/hand-over', component: () => import('./pages/HandOverPage.vue'), meta: { roles: ['leader'] } },
];

/** The bottom bar: campaigns for everyone, orders for consumers, the pickup point for leaders. */
export const TABS: TabItem[] = [
  { path: '/', label: 'shop.tabs.campaigns', icon: 'shop-o' },
  { path: '/my/orders', label: 'shop.tabs.orders', icon: 'orders-o', roles: ['consumer'] },
  { path: '/leader', label: 'shop.tabs.leader', icon: 'home-o', roles: ['leader'] },
  { path: '/leader/hand-over', label: 'shop.tabs.handOver', icon: 'scan', roles: ['leader'] },
];
