// Where the headless shells keep their data: --data-dir, else PRINTRELEAF_DATA_DIR, else a
// folder in the user's application-data directory, separate from the desktop app's (whose
// secrets are in the OS keychain and cannot be opened headless).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultHeadlessDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['PRINTRELEAF_DATA_DIR']) return env['PRINTRELEAF_DATA_DIR'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'PrintReleaf Tray Headless');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'PrintReleaf Tray Headless');
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'printreleaf-tray-headless');
}
