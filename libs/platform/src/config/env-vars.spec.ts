import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envVarsMarkdown } from './env-vars';

describe('configuration documentation', () => {
  it('the README lists every environment variable exactly as the parser documents it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const section = /<!-- env-vars:start -->\n([\s\S]*?)\n<!-- env-vars:end -->/.exec(readme)?.[1];
    expect(section).toBe(envVarsMarkdown());
  });
});
