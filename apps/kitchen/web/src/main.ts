import 'element-plus/dist/index.css';
import '@gx/web/desk/theme.css';
import { createDesk } from '@gx/web/desk/desk';
import DeskRoot from '@gx/web/desk/DeskRoot.vue';
import { setOnUnauthorized } from './api';
import { MESSAGES } from './messages';
import { NAV, PAGES } from './routes';

const desk = createDesk({
  root: DeskRoot,
  title: 'kit.title',
  roles: ['purchaser', 'operator'],
  nav: NAV,
  pages: PAGES,
  messages: MESSAGES,
});
setOnUnauthorized(desk.onUnauthorized);
desk.app.mount('#app');
