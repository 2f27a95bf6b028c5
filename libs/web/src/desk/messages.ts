import type { Locale } from '../format';
import type { Messages } from '../i18n';

/** Messages of the shared desk parts (login, shell, list states); apps add theirs beside them. */
export const DESK_MESSAGES: Record<Locale, Messages> = {
  'zh-CN': {
    desk: {
      signIn: '登录',
      signOut: '退出登录',
      username: '用户名',
      password: '密码',
      language: '语言',
      loading: '加载中…',
      empty: '暂无数据',
      retry: '重试',
      notFound: '页面不存在',
      forbidden: '您的账号没有使用此后台的权限',
      required: '请填写{field}',
    },
  },
  en: {
    desk: {
      signIn: 'Sign in',
      signOut: 'Sign out',
      username: 'Username',
      password: 'Password',
      language: 'Language',
      loading: 'Loading…',
      empty: 'No data',
      retry: 'Retry',
      notFound: 'Page not found',
      forbidden: 'Your account may not use this desk',
      required: '{field} is required',
    },
  },
};
