// The e-mail that carries a certificate: a plain subject and body made from the certificate's
// frozen figures (the same words as the PDF, nothing more) and the dealer's name.
import { PAGES_PER_TREE } from '../ledger/trees';
import { basisLine, carriedLine, formatPageCount, formatTreeCount, pagesWord } from './pdf-text';

export interface CertificateEmailInput {
  dealerName: string;
  customerName: string;
  periodLabel: string;
  pages: number;
  carriedPages: number;
  trees: number;
  number: string;
  locale: string;
}

export function certificateEmail(c: CertificateEmailInput): { subject: string; text: string } {
  const subject = `Certificate of Reforestation for ${c.customerName} \u2014 ${c.periodLabel}`;
  const carried = carriedLine(c.carriedPages, c.locale);
  const lines = [
    'Hello,',
    '',
    `Attached is the Certificate of Reforestation for ${c.customerName} for ${c.periodLabel}.`,
    '',
    `Paper consumption measured: ${formatPageCount(c.pages, c.locale)} ${pagesWord(c.pages)}, equivalent to ${formatTreeCount(c.trees, c.locale)} trees (${basisLine(PAGES_PER_TREE, c.locale)}).`,
    ...(carried ? [`${carried}.`] : []),
    '',
    `Certificate number: ${c.number}`,
    '',
    'Kind regards,',
    c.dealerName,
    '',
  ];
  return { subject, text: lines.join('\n') };
}
