// The certificate's embedded fonts (see assets/fonts/README.md), read from disk once per
// process: a batch of certificates must not re-read ~280 KB of fonts for every PDF.
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets';

export interface CertificateFonts {
  /** EB Garamond Regular: title, customer name, period, dealer, date. */
  serif: Buffer;
  /** EB Garamond Italic: the connecting phrases and the dealer's statement. */
  serifItalic: Buffer;
  /** Inter Regular: captions, basis line, footer. */
  sans: Buffer;
  /** Inter SemiBold: the figures. */
  sansStrong: Buffer;
}

const FILES: Record<keyof CertificateFonts, string> = {
  serif: 'EBGaramond-Regular.ttf',
  serifItalic: 'EBGaramond-Italic.ttf',
  sans: 'Inter-Regular.ttf',
  sansStrong: 'Inter-SemiBold.ttf',
};

let cached: CertificateFonts | undefined;

export function certificateFonts(): CertificateFonts {
  cached ??= {
    serif: readFont(FILES.serif),
    serifItalic: readFont(FILES.serifItalic),
    sans: readFont(FILES.sans),
    sansStrong: readFont(FILES.sansStrong),
  };
  return cached;
}

function readFont(file: string): Buffer {
  const path = assetPath('fonts', file);
  try {
    return readFileSync(path);
  } catch {
    throw new Error(`The certificate font ${file} could not be read from ${path}; the installation is incomplete.`);
  }
}
