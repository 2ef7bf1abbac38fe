// Locates the repo-root `assets/` folder (fonts and other files shipped with the app).
// The same code runs from the TypeScript sources (vitest), from the esbuild bundles in
// `dist/` and from a packaged Electron app, where `assets/` sits next to `dist/` (inside
// app.asar, or beside it in `resources/`). Walking up until `assets/fonts` appears
// covers all of them without knowing how deep the running file is.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let assetsRoot: string | undefined;

/** Absolute path of a file or folder inside `assets/`; no parts gives the folder itself. */
export function assetPath(...parts: string[]): string {
  assetsRoot ??= findAssetsRoot(moduleDirectory());
  return join(assetsRoot, ...parts);
}

/** The first `assets/` folder holding `fonts/`, looking in `start` and then its ancestors. */
export function findAssetsRoot(start: string): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'assets');
    if (isDirectory(join(candidate, 'fonts'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `The application's assets folder (assets/fonts) was not found in ${start} or any folder above it; the installation is incomplete.`,
  );
}

function moduleDirectory(): string {
  // ESM (sources, dist/*.js) has import.meta.url; a CommonJS bundle (the Electron main,
  // dist/desktop/*.cjs) gets an empty import.meta from esbuild but has __dirname.
  const url: unknown = import.meta.url;
  if (typeof url === 'string' && url.startsWith('file:')) return dirname(fileURLToPath(url));
  if (typeof __dirname === 'string') return __dirname;
  return process.cwd();
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
