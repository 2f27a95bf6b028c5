import { moneySchemaViolations, openApiRuleViolations } from '@gx/platform';
import { openApiDocumentOf, UI_APPS, type UiApp } from './api-docs';

/** Operations anyone may call without a token, per app (every other operation needs one). */
const PUBLIC_OPERATIONS: Record<UiApp, string[]> = {
  storefront: [
    'POST /auth/signup',
    'GET /campaigns',
    'GET /campaigns/{id}',
    'GET /campaigns/{id}/live',
    'GET /campaigns/{id}/origin',
    'GET /pickup-points',
    'GET /pickup-points/{code}',
    'GET /trace/{token}',
  ],
  wholesale: [],
  kitchen: [],
  operations: [],
};
const EVERY_APP = ['POST /auth/login', 'POST /auth/refresh', 'GET /health', 'GET /metrics'];
/**
 * Apps whose every schema follows the money rule (checked by moneySchemaViolations). The storefront's campaign
 * figures `paid` (sale units paid online) and `refunds` (orders being refunded) are counts whose names the rule takes
 * for money, and `commissionBps` is basis points: it is left out until those are renamed.
 */
const MONEY_IN_FEN: UiApp[] = ['wholesale', 'kitchen', 'operations'];

// The HTTP contract is read from /docs: every operation must say what it does, what it takes, what it
// answers and how it fails, and whether it needs a token (see openApiRuleViolations).
describe('OpenAPI documents of the apps', () => {
  it.each(UI_APPS)(
    '%s: every operation follows the documentation rules',
    async (app) => {
      const document = await openApiDocumentOf(app);
      expect(
        openApiRuleViolations(document as never, { publicOperations: [...EVERY_APP, ...PUBLIC_OPERATIONS[app]] }),
      ).toEqual([]);
      // Money is integer fen in fields whose names end in `Fen`: every numeric money-like field of every answer,
      // request and (for wholesale) live frame schema says so.
      if (MONEY_IN_FEN.includes(app)) expect(moneySchemaViolations(document as never)).toEqual([]);
    },
    60_000,
  );
});
