// The installers without packaging (which would download Electron): electron-builder.yml is
// loaded and validated by electron-builder's own code and JSON schema, and its `files` and
// `asarUnpack` patterns are resolved with electron-builder's own file matcher against the
// built output (run `node scripts/build.mjs` first) plus the production node_modules from
// package-lock.json, to list what would ship. Also the release workflow's essentials.
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import Ajv from 'ajv';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

type Filter = (file: string, stat: Stats) => boolean;
interface Matcher {
  createFilter(): Filter;
  patterns: string[];
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: { isEnabled: boolean }): Promise<void>;
};
const { getMainFileMatchers, getFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(appDir: string, destination: string, macroExpander: (p: string) => string, platformOptions: object, platformPackager: object, outDir: string, isElectronCompile: boolean): Matcher[];
  getFileMatchers(config: Configuration, name: 'asarUnpack', destination: string, options: { macroExpander: (p: string) => string; customBuildOptions: object; globalOutDir: string; defaultSrc: string }): Matcher[] | null;
};
const { checkMetadata } = require('app-builder-lib/out/util/packageMetadata') as {
  checkMetadata(metadata: object, devMetadata: object, appPackageFile: string, devAppPackageFile: string): void;
};
const yaml = require('js-yaml') as { load(text: string): unknown };

const posix = (p: string) => p.split(sep).join('/');

/** electron-builder's own walk: a filtered-out directory is not entered. */
function walk(dir: string, filter: Filter, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const stat = statSync(file);
    if (!filter(file, stat)) continue;
    if (stat.isDirectory()) walk(file, filter, out);
    else out.push(file);
  }
  return out;
}

function listAll(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) listAll(file, out);
    else out.push(file);
  }
  return out;
}

/** Production packages as npm resolved them (package-lock.json), that exist on disk here. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, meta]) => path.startsWith('node_modules/') && !meta.dev && !meta.devOptional)
    .map(([path]) => path)
    .filter((path) => existsSync(join(root, path, 'package.json')));
}

let config: Configuration;
let appFiles: string[];
let moduleFiles: string[];
let unpacked: string[];
const packages = productionPackages();

beforeAll(async () => {
  for (const built of ['main.cjs', 'engine-process.cjs', 'preload.cjs']) {
    if (!existsSync(join(root, 'dist', 'desktop', built))) throw new Error(`dist/desktop/${built} is missing: run \`node scripts/build.mjs\` before these tests.`);
  }
  config = await getConfig(root, null, null);
  const identity = (p: string) => p;
  const packager = { info: { projectDir: root, buildResourcesDir: config.directories?.buildResources ?? 'build', isPrepackedAppAsar: false, config, debugLogger: { isEnabled: false } } };
  const outDir = join(root, config.directories?.output ?? 'dist');
  const [main] = getMainFileMatchers(root, '/app', identity, {}, packager, outDir, false);
  appFiles = walk(root, main!.createFilter()).map((f) => posix(relative(root, f)));
  moduleFiles = packages.flatMap((p) => listAll(join(root, p)).filter((f) => !posix(relative(join(root, p), f)).includes('node_modules/'))).map((f) => posix(relative(root, f)));
  const [unpack] = getFileMatchers(config, 'asarUnpack', '/app', { macroExpander: identity, customBuildOptions: {}, globalOutDir: outDir, defaultSrc: root }) ?? [];
  const unpackFilter = unpack!.createFilter();
  unpacked = [...appFiles, ...moduleFiles].filter((f) => unpackFilter(join(root, f), statSync(join(root, f))));
}, 60_000);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
  });

  it("matches electron-builder's JSON schema (app-builder-lib/scheme.json), which does catch mistakes", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const onDisk = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
    expect(validate(onDisk), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...(onDisk as object), asarUnpak: ['**/*.node'] })).toBe(false);
    expect(validate({ ...(onDisk as object), nsis: { oneClick: 'sometimes' } })).toBe(false);
  });

  it("package.json passes electron-builder's metadata check (electron only in devDependencies, name, version)", () => {
    const file = join(root, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(() => checkMetadata(pkg, pkg, file, file)).not.toThrow();
    expect(() => checkMetadata({ ...pkg, dependencies: { electron: '^45.0.0' } }, pkg, file, file)).toThrow(/electron/);
  });

  it('builds NSIS for Windows x64 and dmg for macOS x64 + arm64 as PrintReleaf Tray', () => {
    expect(config.appId).toBe('com.printreleaf.tray');
    expect(config.productName).toBe('PrintReleaf Tray');
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(true);
    expect(config.directories?.buildResources).toBe('build');
  });

  it('has the icons it names', () => {
    expect(statSync(join(root, 'build', 'icon.png')).size).toBeGreaterThan(10_000);
    for (const icon of [config.icon, config.win?.icon, config.mac?.icon]) expect(existsSync(join(root, String(icon))), String(icon)).toBe(true);
  });
});

describe('what would ship', () => {
  it('the desktop bundles, the renderer, the fonts, the tray icons and package.json', () => {
    for (const f of ['package.json', 'dist/desktop/main.cjs', 'dist/desktop/engine-process.cjs', 'dist/desktop/preload.cjs', 'build/tray/healthy.png', 'build/tray/healthy@2x.png', 'build/tray/errorTemplate.png', 'build/tray/collecting-3Template@2x.png']) {
      expect(appFiles, f).toContain(f);
    }
    expect(appFiles.some((f) => f.startsWith('assets/fonts/'))).toBe(true);
    if (existsSync(join(root, 'dist', 'renderer', 'index.html'))) expect(appFiles).toContain('dist/renderer/index.html');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(appFiles).toContain(pkg.main);
  });

  it('no tests, no TypeScript or renderer sources, no source maps, no build tooling', () => {
    const offenders = appFiles.filter(
      (f) =>
        /^(tests|main|db|preload|renderer|scripts|bench|node_modules|release|\.github|\.ci|\.tmp)\//.test(f) ||
        /\.(ts|tsx|map)$/.test(f) ||
        /^(tsconfig.*\.json|vitest\.config\.ts|playwright.*\.ts|eslint\.config\.js|electron-builder\.yml|package-lock\.json|README\.md)$/.test(f) ||
        f === 'dist/bench.js' ||
        f === 'build/generate-icons.mjs' ||
        f === 'build/icon.png',
    );
    expect(offenders).toEqual([]);
  });

  it('production node_modules only: better-sqlite3 and the runtime packages, none of the dev tools', () => {
    const names = new Set(packages.map((p) => p.replace(/^.*node_modules\//, '')));
    // @peculiar/x509 + reflect-metadata: the embedded demo's simulator makes its throwaway CA at run time.
    for (const dep of ['better-sqlite3', 'knex', 'zod', 'luxon', 'pdfkit', 'node-schedule', 'nodemailer', 'electron-store', '@peculiar/x509', 'reflect-metadata']) expect(names.has(dep), dep).toBe(true);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', 'esbuild', 'vite', '@playwright/test', 'react', 'pdfjs-dist', 'smtp-server', 'fast-check']) expect(names.has(dev), dev).toBe(false);
  });

  it('the native SQLite module is unpacked from the asar, and nothing else is', () => {
    const native = moduleFiles.filter((f) => f.endsWith('.node'));
    expect(native).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked.every((f) => f.endsWith('.node'))).toBe(true);
    expect(unpacked.some((f) => f.startsWith('dist/'))).toBe(false);
  });

  it('every module the desktop bundles load at run time ships (or is Node or Electron)', () => {
    const shipped = new Set(packages.map((p) => p.replace(/^node_modules\//, '')));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const bundle of ['main.cjs', 'engine-process.cjs', 'preload.cjs']) {
      const code = readFileSync(join(root, 'dist', 'desktop', bundle), 'utf8');
      const loaded = [...code.matchAll(/\b(?:require|import)\("([^".][^"]*)"\)/g)].map((m) => m[1]!);
      const pkgs = loaded.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
      const missing = pkgs.filter((p) => !builtins.has(p) && p !== 'electron' && !shipped.has(p));
      expect(missing, bundle).toEqual([]);
      if (bundle === 'preload.cjs') expect([...new Set(pkgs)]).toEqual(['electron']); // the sandboxed preload may load nothing else
    }
  });
});

describe('release workflow', () => {
  const workflow = yaml.load(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')) as {
    jobs: Record<string, { strategy: { matrix: { include: { os: string; package: string }[] } }; env: Record<string, string>; steps: { name?: string; run?: string; if?: string; uses?: string }[] }>;
  };
  const job = Object.values(workflow.jobs)[0]!;
  const runs = job.steps.map((s) => s.run ?? '').join('\n');

  it('builds both installers on Windows and macOS runners', () => {
    const matrix = job.strategy.matrix.include;
    expect(matrix.map((m) => m.os)).toEqual(['windows-latest', 'macos-latest']);
    expect(matrix.find((m) => m.os === 'windows-latest')?.package).toMatch(/electron-builder --win nsis --x64/);
    expect(matrix.find((m) => m.os === 'macos-latest')?.package).toMatch(/electron-builder --mac dmg --x64 --arm64/);
  });

  it('runs the _electron suite before packaging, and uploads the installers', () => {
    const names = job.steps.map((s) => s.name ?? s.uses ?? '');
    const suite = job.steps.findIndex((s) => /playwright test -c tests\/electron\/playwright\.config\.ts/.test(s.run ?? ''));
    const build = job.steps.findIndex((s) => /matrix\.package/.test(s.run ?? ''));
    expect(suite).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(suite);
    expect(runs).toMatch(/node node_modules\/electron\/install\.js/);
    expect(job.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
    expect(names.length).toBeGreaterThan(5);
  });

  it('signs and notarizes from secrets when present, unsigned otherwise', () => {
    for (const secret of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) expect(job.env[secret]).toBe(`\${{ secrets.${secret} }}`);
    const unsigned = job.steps.find((s) => s.if === "env.CSC_LINK == ''");
    expect(unsigned?.run).toMatch(/CSC_IDENTITY_AUTO_DISCOVERY=false/);
  });
});
