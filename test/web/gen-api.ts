import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateTypes, openApiDocumentOf, typesFileOf, UI_APPS } from './api-docs';

/** `npm run gen:api`: regenerate libs/web/src/api/<app>.ts from each app's OpenAPI document. */
async function main(): Promise<void> {
  // Run from dist/test/web: the project root is three levels up.
  const root = resolve(__dirname, '../../..');
  for (const app of UI_APPS) {
    writeFileSync(typesFileOf(root, app), generateTypes(root, app, await openApiDocumentOf(app)));
    process.stdout.write(`wrote ${typesFileOf(root, app)}\n`);
  }
}

void main();
