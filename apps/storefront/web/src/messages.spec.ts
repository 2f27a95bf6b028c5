import { MOBILE_MESSAGES } from '../../../../libs/web/src/mobile/messages';
import type { Messages } from '../../../../libs/web/src/i18n';
import { MESSAGES } from './messages';

/** Every key path of a message tree (`shop.campaign.join`). */
const keys = (tree: Messages, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe('storefront labels', () => {
  it.each([
    ['storefront', MESSAGES],
    ['mobile shell', MOBILE_MESSAGES],
  ])('%s: English is as complete as Chinese', (_name, messages) => {
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort());
  });
});
