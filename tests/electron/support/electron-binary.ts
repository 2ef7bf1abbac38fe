// Where the Electron binary is, without `require('electron')` — which, when the binary is
// missing, tries to download it (impossible on some machines) and throws.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const SKIP_REASON = 'No Electron binary on this machine (cannot be downloaded here): the _electron suite runs in the release workflow on Windows and macOS';

export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkg, 'path.txt');
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
    const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
    const binary = override ? join(override, name ?? 'electron') : name ? join(pkg, 'dist', name) : null;
    return binary && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
