// The short fingerprint printed in a certificate's footer: a PDF cannot hold its own hash,
// so it carries a hash of its data instead (number, feed, customer entity, period, pages).
import { createHash } from 'node:crypto';

export interface FingerprintFields {
  number: string;
  feedId: number;
  entityId: string;
  month: string;
  pages: number;
  carriedPages: number;
}

/** The canonical text that is hashed: fields in a fixed order, '|'-separated. */
export function fingerprintText(f: FingerprintFields): string {
  return [f.number, f.feedId, f.entityId, f.month, f.pages, f.carriedPages].join('|');
}

/** The first 16 hex digits of SHA-256 over the canonical text, in groups of 4: "3f9a-71c2-0b5e-d410". */
export function certificateFingerprint(f: FingerprintFields): string {
  const hex = createHash('sha256').update(fingerprintText(f), 'utf8').digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)!.join('-');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
