// Says once, up front, why the suite is skipped on machines without an Electron binary.
import { electronBinary, SKIP_REASON } from './support/electron-binary';

export default function globalSetup(): void {
  const binary = electronBinary();
  if (binary) console.error(`_electron suite: using ${binary}`);
  else console.error(`_electron suite skipped: ${SKIP_REASON}`);
}
