import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateTypes, openApiDocumentOf, typesFileOf, UI_APPS } from './api-docs';

const root = resolve(__dirname, '../..');

// The UIs call the API through types generated from its OpenAPI document: a change of the API that the
// committed types do not reflect fails here (run `npm run gen:api` and fix the type errors it shows).
describe('generated API types of the UIs', () => {
  it.each(UI_APPS)(
    'libs/web/src/api/%s.ts matches the OpenAPI document of the app',
    async (app) => {
      const fresh = generateTypes(root, app, await openApiDocumentOf(app));
      expect(readFileSync(typesFileOf(root, app), 'utf8')).toBe(fresh);
    },
    60_000,
  );
});
