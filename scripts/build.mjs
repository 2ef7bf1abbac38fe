// Builds what runs: the CLI / web shell and the benchmark as ESM bundles for Node, the
// simulator's worker, the desktop main process and preload (CommonJS for Electron), and the
// React renderer (Vite). node_modules stay external: knex and better-sqlite3 load natively.
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const only = process.argv.includes('--node-only');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

rmSync(join(dist, 'cli.js'), { force: true });
const started = Date.now();
const jobs = [
  build({ ...common, format: 'esm', entryPoints: { cli: 'main/cli.ts', ...(existsSync(join(root, 'bench/bench.ts')) ? { bench: 'bench/bench.ts' } : {}) }, outdir: dist, banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }),
  build({ ...common, format: 'cjs', entryPoints: { 'simulator-worker': 'main/engine/printtracker/simulator/worker-entry.ts' }, outdir: dist, outExtension: { '.js': '.cjs' }, logOverride: { 'empty-import-meta': 'silent' } }),
];
if (existsSync(join(root, 'main/desktop/main.ts'))) {
  // The installers ship only production dependencies in node_modules: the desktop bundles keep
  // those (and electron) external and bundle anything else they use (the demo's @peculiar/x509).
  const shipped = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});
  jobs.push(
    build({
      ...common,
      format: 'cjs',
      entryPoints: { main: 'main/desktop/main.ts', 'engine-process': 'main/desktop/engine-process.ts' },
      outdir: join(dist, 'desktop'),
      outExtension: { '.js': '.cjs' },
      packages: undefined,
      external: ['electron', ...shipped],
      logOverride: { 'empty-import-meta': 'silent' },
    }),
    build({ ...common, format: 'cjs', packages: undefined, entryPoints: { preload: 'preload/preload.ts' }, outdir: join(dist, 'desktop'), outExtension: { '.js': '.cjs' }, external: ['electron'] }),
  );
}
await Promise.all(jobs);
if (!only && existsSync(join(root, 'renderer/index.html'))) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}
console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
