// The built renderer (dist/renderer) is found by walking up from this module, which works
// from the bundled CLI (dist/cli.js) and from the TypeScript sources under test.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function locateRendererDir(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'renderer'), join(dir, 'dist', 'renderer')]) {
      if (existsSync(join(candidate, 'index.html')) && existsSync(join(candidate, 'assets'))) return candidate;
    }
    if (dirname(dir) === dir) return join(start, 'renderer');
  }
}
