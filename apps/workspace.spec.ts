import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The workspace's build descriptions agree with the folders and with each other: nest-cli.json has a
// project per app and lib, and the @gx/* aliases exist once (tsconfig.json), the others derived from them.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/alias-map.js is plain CommonJS, shared with jest.config.js
const aliasMap = require('../scripts/alias-map') as {
  tsconfigPaths(): Record<string, string[]>;
  jestModuleNameMapper(): Record<string, string>;
  expectedSwcrc(): string;
};

const ROOT = join(__dirname, '..');
const json = (file: string): any => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const dirs = (folder: string): string[] =>
  readdirSync(join(ROOT, folder), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const serverLibs = (): string[] => dirs('libs').filter((lib) => existsSync(join(ROOT, 'libs', lib, 'src', 'index.ts')));

describe('nest-cli.json', () => {
  const cli = json('nest-cli.json');

  it('is a monorepo with an application project per app, whose entry file exists', () => {
    expect(cli.monorepo).toBe(true);
    const apps = dirs('apps').filter((app) => existsSync(join(ROOT, 'apps', app, 'src', 'main.ts')));
    expect(apps.length).toBeGreaterThanOrEqual(6);
    for (const app of apps) {
      const project = cli.projects[app];
      expect({ app, type: project?.type, sourceRoot: project?.sourceRoot }).toEqual({
        app,
        type: 'application',
        sourceRoot: `apps/${app}/src`,
      });
      expect(existsSync(join(ROOT, project.sourceRoot, `${project.entryFile}.ts`))).toBe(true);
      // `nest build <app>` compiles with tsc (the swc builder does not resolve monorepo libs) into the same
      // dist layout as `npm run build`, so `nest start <app>` runs dist/apps/<app>/src/main.js.
      const tsconfig = json(project.compilerOptions.tsConfigPath);
      expect(tsconfig).toMatchObject({
        extends: '../../tsconfig.json',
        compilerOptions: { rootDir: '../..', outDir: '../../dist' },
      });
    }
    expect(cli.compilerOptions.builder).toBe('tsc');
    expect(cli.projects[cli.root.split('/')[1]]?.root).toBe(cli.root);
  });

  it('has a library project per server lib, and every tsconfig path of a lib points at its src', () => {
    const paths = aliasMap.tsconfigPaths();
    for (const lib of serverLibs()) {
      expect({ lib, type: cli.projects[lib]?.type, sourceRoot: cli.projects[lib]?.sourceRoot }).toEqual({
        lib,
        type: 'library',
        sourceRoot: `libs/${lib}/src`,
      });
      expect(existsSync(join(ROOT, cli.projects[lib].compilerOptions.tsConfigPath))).toBe(true);
      expect(paths[`@gx/${lib}`]).toEqual([`libs/${lib}/src/index.ts`]);
      expect(paths[`@gx/${lib}/*`]).toEqual([`libs/${lib}/src/*`]);
    }
    expect(Object.keys(paths)).toHaveLength(serverLibs().length * 2);
    // Nothing names a project that is not there.
    for (const project of Object.values<any>(cli.projects))
      expect(existsSync(join(ROOT, project.sourceRoot))).toBe(true);
  });
});

describe('the @gx/* alias map', () => {
  it('.swcrc carries exactly tsconfig.json paths (regenerate with node scripts/alias-map.js --write)', () => {
    expect(readFileSync(join(ROOT, '.swcrc'), 'utf8')).toBe(aliasMap.expectedSwcrc());
  });

  it('jest maps each alias to the same file tsconfig does', () => {
    const mapper = Object.entries(aliasMap.jestModuleNameMapper());
    const resolve = (specifier: string): string | undefined => {
      for (const [pattern, target] of mapper) {
        const match = new RegExp(pattern).exec(specifier);
        if (match) return target.replace('<rootDir>/', '').replace('$1', match[1] ?? '');
      }
      return undefined;
    };
    expect(resolve('@gx/domain')).toBe('libs/domain/src/index.ts');
    expect(resolve('@gx/domain/shared/decider')).toBe('libs/domain/src/shared/decider');
    expect(resolve('@gx/application/kernel/store-pool')).toBe('libs/application/src/kernel/store-pool');
    expect(resolve('@gx/domainx')).toBeUndefined();
    for (const lib of serverLibs()) expect(resolve(`@gx/${lib}`)).toBe(`libs/${lib}/src/index.ts`);
  });
});
