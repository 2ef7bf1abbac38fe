// `npm test`: everything CI checks, in order, stopping at the first failure: system
// packages, dependencies, build, lint, type check, unit + integration tests (vitest),
// end-to-end tests in Chromium (Playwright), the Electron shell's suite (Playwright _electron).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const total = Date.now();

function step(title, command, args, options = {}) {
  const started = Date.now();
  process.stderr.write(`\n▶ ${title}\n`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stderr.write(`✖ ${title} failed after ${seconds} s\n`);
    process.exit(r.status ?? 1);
  }
  process.stderr.write(`✔ ${title} (${seconds} s)\n`);
}

if (process.platform === 'linux') step('System packages (Chromium, poppler-utils, fonts)', 'bash', [join(root, 'scripts/system-deps.sh')]);
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) step('Dependencies (npm ci)', 'npm', ['ci']);
step('Build', process.execPath, [join(root, 'scripts/build.mjs')]);
step('Lint', bin('eslint'), ['--max-warnings', '0', '.']);
step('Type check (engine, CLI, tests)', bin('tsc'), ['-p', 'tests/tsconfig.json']);
if (existsSync(join(root, 'renderer/tsconfig.json')) && existsSync(join(root, 'renderer/index.html'))) step('Type check (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json']);
step('Unit and integration tests (vitest)', bin('vitest'), ['run']);
if (existsSync(join(root, 'playwright.config.ts'))) step('End-to-end tests (Playwright, Chromium)', bin('playwright'), ['test']);
// The Electron shell's own suite: skipped, with the reason printed, where no Electron binary exists.
if (existsSync(join(root, 'tests/electron/playwright.config.ts'))) step('Desktop shell tests (Playwright _electron)', bin('playwright'), ['test', '-c', 'tests/electron/playwright.config.ts']);
process.stderr.write(`\nAll checks passed in ${((Date.now() - total) / 1000).toFixed(0)} s\n`);
