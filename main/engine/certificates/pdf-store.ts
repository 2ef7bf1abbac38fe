// Where issued PDFs live: <dataDir>/certificates/<YYYY-MM>/<number>.pdf. Paths are stored
// relative to the data folder (so a moved folder keeps working) and files are written
// atomically (temporary file, then rename), so a crash never leaves half a PDF.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export function relativePdfPath(month: string, number: string): string {
  return `certificates/${month}/${number}.pdf`;
}

export function absolutePdfPath(dataDir: string, relative: string): string {
  return join(dataDir, ...relative.split('/'));
}

/** Writes `bytes` to `path` all or nothing (flushed to disk before the rename). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
