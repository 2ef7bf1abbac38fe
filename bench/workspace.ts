// Temporary data folders of one benchmark run, removed at the end (also on Ctrl-C).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Workspace {
  private readonly dirs: string[] = [];

  /** A fresh empty folder. */
  create(label: string): string {
    const dir = mkdtempSync(join(tmpdir(), `printreleaf-bench-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** A copy of a closed engine's data folder (database, key file): the same starting state twice. */
  copy(from: string, label: string): string {
    const dir = this.create(label);
    cpSync(from, dir, { recursive: true });
    return dir;
  }

  remove(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
    const i = this.dirs.indexOf(dir);
    if (i >= 0) this.dirs.splice(i, 1);
  }

  removeAll(): void {
    for (const dir of [...this.dirs]) this.remove(dir);
  }
}
