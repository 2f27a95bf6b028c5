import { createI18n } from 'vue-i18n';
import type { Locale } from './format';

const LOCALE_KEY = 'gx.locale';

/** Messages of one locale: nested objects of strings. */
export interface Messages {
  [key: string]: string | Messages;
}

/** The locale chosen before (localStorage), else zh-CN: the users read Chinese. */
export function savedLocale(): Locale {
  return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function saveLocale(locale: Locale): void {
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}

/** vue-i18n with the shared desk messages merged under each app's own. */
export function createDeskI18n(messages: Record<Locale, Messages>) {
  const locale = savedLocale();
  document.documentElement.lang = locale;
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages });
}
