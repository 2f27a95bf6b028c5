import 'vant/lib/index.css';
import '@gx/web/mobile/theme.css';
import { createMobile } from '@gx/web/mobile/mobile';
import App from './App.vue';
import { setOnUnauthorized } from './api';
import { MESSAGES } from './messages';
import { PAGES, TABS } from './routes';

const shop = createMobile({ root: App, title: 'shop.title', tabs: TABS, pages: PAGES, messages: MESSAGES });
setOnUnauthorized(shop.onUnauthorized);
shop.app.mount('#app');
