import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The import boundaries of eslint.config.mjs, proven on code that crosses them (and on code that does not).
// ESLint's API is ESM and loads the flat config by dynamic import, so it runs in a child Node process.
const ROOT = join(__dirname, '..');

interface Case {
  file: string;
  code: string;
}

function lint(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.file });
        out.push(result.messages.map((m) => m.ruleId + ': ' + m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' }),
  ) as string[][];
}

describe('import boundaries (eslint.config.mjs)', () => {
  it('refuses infrastructure in the domain, adapters and drivers in apps and the application layer, server code in the UIs', () => {
    const [domainNest, domainNode, domainPeer, appAdapter, appDriver, appStripe, applicationDeep, pool, ui, uiShared] =
      lint([
        {
          file: 'libs/domain/src/stock/x.ts',
          code: "import { Injectable } from '@nestjs/common';\nexport const a = Injectable;\n",
        },
        {
          file: 'libs/domain/src/stock/x.ts',
          code: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
        },
        {
          file: 'libs/domain/src/stock/x.ts',
          code: "import { own } from '../shared/own-keys';\nimport { RRule } from 'rrule';\nexport const a = [own, RRule];\n",
        },
        {
          file: 'apps/storefront/src/x.ts',
          code: "import { SqliteEventStore } from '@gx/eventstore';\nexport const a = SqliteEventStore;\n",
        },
        {
          file: 'apps/kitchen/src/x.ts',
          code: "import { MongoClient } from 'mongodb';\nexport const a = MongoClient;\n",
        },
        {
          file: 'libs/application/src/group-buy/x.ts',
          code: "import Stripe from 'stripe';\nexport const a = Stripe;\n",
        },
        {
          file: 'libs/application/src/stock/x.ts',
          code: "import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';\nexport const a = SqliteDocumentStore;\n",
        },
        {
          file: 'libs/application/src/kernel/store-pool.ts',
          code: "import { SqliteEventStore } from '@gx/eventstore';\nexport const a = SqliteEventStore;\n",
        },
        {
          file: 'apps/wholesale/web/src/x.ts',
          code: "import { lotDecider } from '@gx/domain';\nexport const a = lotDecider;\n",
        },
        {
          file: 'apps/wholesale/web/src/x.ts',
          code: "import { formatMoney } from '@gx/web/format';\nexport const a = formatMoney;\n",
        },
      ]);
    const restricted = (messages: string[]) => messages.filter((m) => m.startsWith('no-restricted-imports')).length;
    expect([domainNest, domainNode, appAdapter, appDriver, appStripe, applicationDeep, ui].map(restricted)).toEqual([
      1, 1, 1, 1, 1, 1, 1,
    ]);
    expect([domainPeer, pool, uiShared]).toEqual([[], [], []]);
  }, 60_000);
});
