// The render inputs of an issued certificate, frozen at issue as JSON: with them (and the
// logo, stored once by its hash) the exact same PDF can be drawn again whatever the
// settings say today (R10: an issued certificate never changes).
import { z } from 'zod';
import type { StoredLogo } from '../../../db/repositories/certificates';
import type { CertificateDocument } from './pdf';

const frozenSchema = z.object({
  version: z.literal(1),
  number: z.string(),
  customerName: z.string(),
  periodLabel: z.string(),
  pages: z.number().int(),
  carriedPages: z.number().int(),
  trees: z.number(),
  issueDateLabel: z.string(),
  issuedAt: z.number().int(),
  paper: z.enum(['letter', 'a4']),
  dealerName: z.string(),
  logoSha256: z.string().nullable(),
  partnerText: z.string(),
  statement: z.string(),
  fingerprint: z.string(),
  locale: z.string(),
});

export type FrozenDocument = z.infer<typeof frozenSchema>;

export function freezeDocument(doc: CertificateDocument, logoSha256: string | null): FrozenDocument {
  return {
    version: 1,
    number: doc.number,
    customerName: doc.customerName,
    periodLabel: doc.periodLabel,
    pages: doc.pages,
    carriedPages: doc.carriedPages,
    trees: doc.trees,
    issueDateLabel: doc.issueDateLabel,
    issuedAt: doc.issuedAt.getTime(),
    paper: doc.paper,
    dealerName: doc.dealerName,
    logoSha256,
    partnerText: doc.partnerText,
    statement: doc.statement,
    fingerprint: doc.fingerprint,
    locale: doc.locale,
  };
}

export function parseFrozenDocument(json: string): FrozenDocument {
  const parsed = frozenSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`the stored certificate data is unreadable (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

/** Back to what the template draws; `logo` is the stored logo named by `logoSha256`. */
export function thawDocument(frozen: FrozenDocument, logo: StoredLogo | null): CertificateDocument {
  if (frozen.logoSha256 !== null && logo === null) throw new Error('the dealer logo it was issued with is missing from the database');
  return {
    number: frozen.number,
    customerName: frozen.customerName,
    periodLabel: frozen.periodLabel,
    pages: frozen.pages,
    carriedPages: frozen.carriedPages,
    trees: frozen.trees,
    issueDateLabel: frozen.issueDateLabel,
    issuedAt: new Date(frozen.issuedAt),
    paper: frozen.paper,
    dealerName: frozen.dealerName,
    dealerLogo: frozen.logoSha256 !== null && logo ? { bytes: new Uint8Array(logo.bytes), type: logo.type } : null,
    partnerText: frozen.partnerText,
    statement: frozen.statement,
    fingerprint: frozen.fingerprint,
    locale: frozen.locale,
  };
}
