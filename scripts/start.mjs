// `npm start`: the desktop app where Electron can run; elsewhere (no Electron binary — it
// cannot be downloaded on every machine — or no display) say so in one line and run the
// headless shell instead, with the embedded demo when no Print Tracker server is configured.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

function electronBinary() {
  try {
    const pkg = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const binary = electronBinary();
const desktopBuilt = existsSync(join(root, 'dist', 'desktop', 'main.cjs'));
const args = process.argv.slice(2);

if (binary && hasDisplay && desktopBuilt) {
  const child = spawn(binary, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = !binary ? 'no Electron binary is installed here' : !hasDisplay ? 'there is no display' : 'the desktop shell is not built';
  const headless = existsSync(join(root, 'dist', 'renderer', 'index.html')) ? ['serve', '--demo-if-empty'] : ['demo'];
  console.error(`PrintReleaf Tray: the desktop app cannot start (${why}); running the headless ${headless[0] === 'serve' ? 'web UI' : 'demo'} instead.`);
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...headless, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
