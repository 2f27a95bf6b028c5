import type { Locale } from '../format';
import type { Messages } from '../i18n';

/** Messages of the shared mobile parts (sign-in, sign-up, shell, list states); apps add theirs beside them. */
export const MOBILE_MESSAGES: Record<Locale, Messages> = {
  'zh-CN': {
    mobile: {
      signIn: '登录',
      signUp: '注册',
      signOut: '退出登录',
      username: '手机号或用户名',
      password: '密码',
      mobile: '手机号',
      displayName: '昵称（选填）',
      newPassword: '设置密码',
      passwordRule: '至少 8 位',
      signInHint: '登录后即可参团，完成后回到刚才的页面',
      mobileTaken: '该手机号已注册，请直接登录',
      forbidden: '此账号不能使用该页面',
      language: 'English',
      loading: '加载中…',
      empty: '暂无内容',
      retry: '重试',
      back: '返回',
      notFound: '页面不存在',
      home: '回到首页',
      required: '请填写{field}',
    },
  },
  en: {
    mobile: {
      signIn: 'Sign in',
      signUp: 'Sign up',
      signOut: 'Sign out',
      username: 'Mobile number or username',
      password: 'Password',
      mobile: 'Mobile number',
      displayName: 'Nickname (optional)',
      newPassword: 'New password',
      passwordRule: 'At least 8 characters',
      signInHint: 'Sign in to join; you will come back to where you were',
      mobileTaken: 'This mobile number is already registered: sign in instead',
      forbidden: 'This account cannot use this page',
      language: '中文',
      loading: 'Loading…',
      empty: 'Nothing here yet',
      retry: 'Retry',
      back: 'Back',
      notFound: 'Page not found',
      home: 'Home',
      required: 'Please enter {field}',
    },
  },
};
