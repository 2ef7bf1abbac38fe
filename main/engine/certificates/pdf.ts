// The Certificate of Reforestation as a one-page landscape PDF: the single template used
// by the CLI, the web UI preview and the desktop app (see ui-guide.md).
//
// Deterministic by construction, so a re-export gives the same bytes (R10):
// - CreationDate/ModDate come from `issuedAt`, never the clock; pdfkit derives the
//   trailer /ID from the info dictionary (MD5 of its entries), so it follows suit;
// - pdfkit names font subsets from the font's per-document id (F1, F2, …), which depends
//   only on the order fonts are first used: the drawing order is fixed;
// - no default Helvetica is loaded (it would need AFM files and be a standard-14 font),
//   no system font is consulted, and images are embedded from the given bytes.
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { PAGES_PER_TREE } from '../ledger/trees';
import { certificateFonts } from './pdf-fonts';
import { drawSeal } from './pdf-mark';
import {
  basisLine,
  carriedLine,
  cleanText,
  fitText,
  formatPageCount,
  formatTreeCount,
  pagesWord,
  type FittedText,
  type FitOptions,
} from './pdf-text';

export interface CertificateDocument {
  number: string;
  customerName: string;
  /** Already localised by the caller: "October 2025". */
  periodLabel: string;
  /** Pages shown, carriedPages included. */
  pages: number;
  /** Positive: carried forward; negative: an adjustment to earlier months (R10). */
  carriedPages: number;
  /** Already rounded to 2 decimals (R9). */
  trees: number;
  issueDateLabel: string;
  /** The instant of issue: the PDF's CreationDate and ModDate. */
  issuedAt: Date;
  paper: 'letter' | 'a4';
  dealerName: string;
  dealerLogo: { bytes: Uint8Array; type: 'png' | 'jpeg' } | null;
  partnerText: string;
  statement: string;
  fingerprint: string;
  /** For thousands separators, e.g. "en-US". */
  locale: string;
}

const certificateSchema = z.object({
  number: z.string().trim().min(1, 'the certificate number is missing'),
  customerName: z.string().trim().min(1, "the customer's name is missing"),
  periodLabel: z.string().trim().min(1, 'the period is missing'),
  pages: z.number().int('pages must be a whole number').min(1, 'pages must be at least 1').max(Number.MAX_SAFE_INTEGER),
  carriedPages: z.number().int('carried pages must be a whole number').min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  trees: z.number().min(0, 'trees cannot be negative'),
  issueDateLabel: z.string().trim().min(1, 'the issue date is missing'),
  issuedAt: z.date('the instant of issue is not a valid date'),
  paper: z.enum(['letter', 'a4']),
  dealerName: z.string().trim().min(1, "the dealer's name is missing"),
  dealerLogo: z.object({ bytes: z.instanceof(Uint8Array), type: z.enum(['png', 'jpeg']) }).nullable(),
  partnerText: z.string(),
  statement: z.string(),
  fingerprint: z.string().trim().min(1, 'the fingerprint is missing'),
  locale: z.string(),
});

const PRODUCER = 'PrintReleaf Tray';

// Landscape sizes in points (pdfkit's LETTER and A4, turned).
const PAGE_SIZE = { letter: { width: 792, height: 612 }, a4: { width: 841.89, height: 595.28 } } as const;

const COLOR = {
  green: '#2f6b3b',
  ink: '#1d2420',
  body: '#3f4742',
  muted: '#6a736d',
  faint: '#939b95',
  rule: '#bcc5be',
} as const;

// Names registered with pdfkit; its font ids (F1, F2, …) follow the order of first use.
const FONT = { serif: 'serif', serifItalic: 'serif-italic', sans: 'sans', sansStrong: 'sans-strong' } as const;
type FontName = (typeof FONT)[keyof typeof FONT];

interface Run {
  text: string;
  font: FontName;
  size: number;
  color: string;
  characterSpacing?: number;
}

/** Renders the certificate; the same document always gives the same bytes. */
export async function renderCertificatePdf(input: CertificateDocument): Promise<Buffer> {
  const parsed = certificateSchema.safeParse(input);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'the data is incomplete';
    throw new Error(`The certificate cannot be drawn: ${reason}.`);
  }
  const doc = input;
  const fonts = certificateFonts();
  const size = PAGE_SIZE[doc.paper];
  const pdf = new PDFDocument({
    size: [size.width, size.height],
    margin: 0,
    font: '', // no default Helvetica: see the header comment
    // PDF 1.3 (pdfkit's default) has no XMP stream: pdfkit would copy the title into it
    // unescaped, and a customer called "Smith & Sons" would make it invalid XML.
    compress: true,
    displayTitle: true,
    info: {
      Title: `Certificate of Reforestation \u2014 ${cleanText(doc.customerName)} \u2014 ${cleanText(doc.periodLabel)}`,
      Author: cleanText(doc.dealerName),
      Subject: `Certificate ${cleanText(doc.number)}`,
      Producer: PRODUCER,
      Creator: PRODUCER,
      CreationDate: doc.issuedAt,
      ModDate: doc.issuedAt,
    },
  });
  const bytes = collectBytes(pdf);
  pdf.registerFont(FONT.serif, fonts.serif);
  pdf.registerFont(FONT.serifItalic, fonts.serifItalic);
  pdf.registerFont(FONT.sans, fonts.sans);
  pdf.registerFont(FONT.sansStrong, fonts.sansStrong);
  new CertificateLayout(pdf, doc, size.width, size.height).draw();
  pdf.end();
  return bytes;
}

function collectBytes(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

class CertificateLayout {
  private readonly cx: number;
  private readonly locale: string;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly doc: CertificateDocument,
    private readonly width: number,
    private readonly height: number,
  ) {
    this.cx = width / 2;
    this.locale = doc.locale;
  }

  draw(): void {
    this.drawBorder();
    const titleBottom = this.drawTitle();
    const bottomTop = this.drawBottomRow();
    this.drawMiddle(titleBottom, bottomTop);
    this.drawFooter();
  }

  private drawBorder(): void {
    const { pdf, width, height } = this;
    pdf.rect(20, 20, width - 40, height - 40).lineWidth(1.4).strokeColor(COLOR.green).stroke();
    pdf.rect(25.5, 25.5, width - 51, height - 51).lineWidth(0.45).strokeColor(COLOR.green).stroke();
  }

  /** Title and its ornament; returns the y below which the middle block may start. */
  private drawTitle(): number {
    const titleBaseline = 98;
    this.centered({ text: 'Certificate of Reforestation', font: FONT.serif, size: 41, color: COLOR.ink }, titleBaseline);
    // A short rule with a diamond: a quiet divider under the title.
    const y = titleBaseline + 20;
    const { pdf, cx } = this;
    pdf.moveTo(cx - 70, y).lineTo(cx - 8, y).moveTo(cx + 8, y).lineTo(cx + 70, y).lineWidth(0.6).strokeColor(COLOR.green).stroke();
    pdf.polygon([cx, y - 3], [cx + 3, y], [cx, y + 3], [cx - 3, y]).fillColor(COLOR.green).fill();
    return y + 6;
  }

  /**
   * The customer, the period, the figures and the dealer's statement, centred vertically
   * between the title and the bottom row.
   */
  private drawMiddle(top: number, bottom: number): void {
    const { doc, locale } = this;
    const textWidth = Math.min(620, this.width - 180);
    // lead: distance from the previous baseline; flex: share of any spare height.
    const rows: { lead: number; flex?: number; draw: (baseline: number) => void }[] = [];

    rows.push({ lead: 24, draw: (b) => this.centered(italic('This certifies the paper consumption measured for', 15, COLOR.muted), b) });

    const name = this.fitName(cleanText(doc.customerName), textWidth);
    const nameLeading = name.size * 1.08;
    name.lines.forEach((line, i) => {
      rows.push({
        lead: i === 0 ? 14 + name.size * 0.72 : nameLeading,
        draw: (b) => this.centered({ text: line, font: FONT.serif, size: name.size, color: COLOR.ink }, b),
      });
    });
    const nameRule = Math.min(textWidth, Math.max(300, ...name.lines.map((l) => this.measure(l, FONT.serif, name.size) + 60)));
    rows.push({ lead: 11, draw: (b) => this.hairline(this.cx - nameRule / 2, this.cx + nameRule / 2, b, COLOR.rule) });

    rows.push({ lead: 26, flex: 1, draw: (b) => this.centered(italic('in', 15, COLOR.muted), b) });
    rows.push({
      lead: 30,
      draw: (b) => this.centered({ text: cleanText(doc.periodLabel), font: FONT.serif, size: 24, color: COLOR.ink }, b),
    });

    const pages = formatPageCount(doc.pages, locale);
    const trees = formatTreeCount(doc.trees, locale);
    const figures = this.scaledToWidth(
      [
        { text: pages, font: FONT.sansStrong, size: 25, color: COLOR.green },
        { text: ` ${pagesWord(doc.pages)}`, font: FONT.sans, size: 14, color: COLOR.body },
        { text: '  equivalent to  ', font: FONT.serifItalic, size: 15, color: COLOR.muted },
        { text: trees, font: FONT.sansStrong, size: 25, color: COLOR.green },
        { text: ' trees', font: FONT.sans, size: 14, color: COLOR.body },
      ],
      textWidth,
    );
    rows.push({ lead: 44, flex: 1.4, draw: (b) => this.centeredRuns(figures, b) });
    rows.push({
      lead: 19,
      draw: (b) => this.centered({ text: basisLine(PAGES_PER_TREE, locale), font: FONT.sans, size: 8, color: COLOR.muted }, b),
    });
    const carried = carriedLine(doc.carriedPages, locale);
    if (carried) {
      rows.push({ lead: 13, draw: (b) => this.centered({ text: carried, font: FONT.sans, size: 8, color: COLOR.muted }, b) });
    }

    const statementText = cleanText(doc.statement);
    if (statementText) {
      const statement = this.fit(statementText, FONT.serifItalic, { maxWidth: Math.min(470, textWidth), maxLines: 3, maxSize: 12.5, minSize: 9.5, balance: true });
      statement.lines.forEach((line, i) => {
        rows.push({
          lead: i === 0 ? 28 : statement.size * 1.3,
          flex: i === 0 ? 1.4 : 0,
          draw: (b) => this.centered(italic(line, statement.size, COLOR.body), b),
        });
      });
    }

    // Spare height: part opens the gaps between the groups (up to a limit, so a short
    // certificate does not fall apart), the rest is split above and below the block.
    const descent = 6;
    const height = rows.reduce((sum, row) => sum + row.lead, 0) + descent;
    // Short of height (a two-line name, a logo, a long statement), the gaps close up a
    // little instead of the block running into the title.
    const spare = Math.max(0, bottom - top - height);
    const squeeze = Math.max(0.8, Math.min(1, (bottom - top - descent) / (height - descent)));
    const flexTotal = rows.reduce((sum, row) => sum + (row.flex ?? 0), 0);
    const perFlex = flexTotal > 0 ? Math.min((spare * 0.55) / flexTotal, 16) : 0;
    let baseline = top + (spare - perFlex * flexTotal) / 2;
    for (const row of rows) {
      baseline += row.lead * squeeze + perFlex * (row.flex ?? 0);
      row.draw(baseline);
    }
  }

  /** Dealer on the left, date and number on the right, the seal between; returns its top. */
  private drawBottomRow(): number {
    const { doc, pdf, width, height } = this;
    const ruleY = height - 100;
    const columnWidth = Math.min(236, (width - 2 * 88 - 120) / 2);
    const leftX = 88;
    const rightX = width - 88 - columnWidth;
    const leftCx = leftX + columnWidth / 2;
    const rightCx = rightX + columnWidth / 2;

    // Left: logo and dealer name above the line, caption and partner below.
    const dealer = this.fit(cleanText(doc.dealerName), FONT.serif, { maxWidth: columnWidth, maxLines: 2, maxSize: 16, minSize: 10 });
    let top = ruleY - 8 - dealer.size * 0.7;
    dealer.lines
      .slice()
      .reverse()
      .forEach((line, i) => {
        const b = ruleY - 8 - i * dealer.size * 1.1;
        this.centeredAt({ text: line, font: FONT.serif, size: dealer.size, color: COLOR.ink }, leftCx, b);
        top = b - dealer.size * 0.7;
      });
    if (doc.dealerLogo) {
      const box = { w: Math.min(160, columnWidth), h: 42 };
      const boxBottom = top - 9;
      this.drawLogo(doc.dealerLogo, leftCx - box.w / 2, boxBottom - box.h, box.w, box.h);
      top = boxBottom - box.h;
    }
    this.hairline(leftX, leftX + columnWidth, ruleY, COLOR.faint);
    this.centeredAt(caption('Issued by'), leftCx, ruleY + 13);
    const partnerText = cleanText(doc.partnerText);
    if (partnerText) {
      const partner = this.fit(partnerText, FONT.sans, { maxWidth: columnWidth, maxLines: 3, maxSize: 8, minSize: 6.5 });
      partner.lines.forEach((line, i) => {
        this.centeredAt({ text: line, font: FONT.sans, size: partner.size, color: COLOR.body }, leftCx, ruleY + 27 + i * partner.size * 1.35);
      });
    }

    // Right: issue date above the line, caption and certificate number below.
    const date = this.fit(cleanText(doc.issueDateLabel), FONT.serif, { maxWidth: columnWidth, maxLines: 1, maxSize: 16, minSize: 10 });
    this.centeredAt({ text: date.lines[0] ?? '', font: FONT.serif, size: date.size, color: COLOR.ink }, rightCx, ruleY - 8);
    this.hairline(rightX, rightX + columnWidth, ruleY, COLOR.faint);
    this.centeredAt(caption('Date of issue'), rightCx, ruleY + 13);
    const number = this.fit(`Certificate No. ${cleanText(doc.number)}`, FONT.sans, { maxWidth: columnWidth, maxLines: 1, maxSize: 8, minSize: 6 });
    this.centeredAt({ text: number.lines[0] ?? '', font: FONT.sans, size: number.size, color: COLOR.body }, rightCx, ruleY + 27);

    const sealRadius = 31;
    drawSeal(pdf, this.cx, ruleY - 4, sealRadius, COLOR.green);
    return Math.min(top, ruleY - 4 - sealRadius, ruleY - 8 - date.size * 0.7) - 12;
  }

  private drawFooter(): void {
    const text = `Fingerprint ${cleanText(this.doc.fingerprint)}`;
    this.centered({ text, font: FONT.sans, size: 6.5, color: COLOR.faint }, this.height - 36);
  }

  private drawLogo(logo: NonNullable<CertificateDocument['dealerLogo']>, x: number, y: number, w: number, h: number): void {
    const bytes = Buffer.from(logo.bytes.buffer, logo.bytes.byteOffset, logo.bytes.byteLength);
    try {
      this.pdf.image(bytes, x, y, { fit: [w, h], align: 'center', valign: 'bottom' });
    } catch {
      throw new Error(`The dealer's logo could not be read as a ${logo.type === 'png' ? 'PNG' : 'JPEG'} image.`);
    }
  }

  private fitName(name: string, maxWidth: number): FittedText {
    // One line while it stays large; otherwise two balanced lines.
    const single = this.fit(name, FONT.serif, { maxWidth, maxLines: 1, maxSize: 36, minSize: 25 });
    if (this.measure(single.lines[0] ?? '', FONT.serif, single.size) <= maxWidth && !single.lines[0]?.endsWith('\u2026')) {
      return single;
    }
    return this.fit(name, FONT.serif, { maxWidth, maxLines: 2, maxSize: 26, minSize: 12, balance: true });
  }

  private fit(text: string, font: FontName, options: FitOptions): FittedText {
    return fitText(text, (t, size) => this.measure(t, font, size), options);
  }

  private measure(text: string, font: FontName, size: number, characterSpacing = 0): number {
    return this.pdf.font(font).fontSize(size).widthOfString(text, { characterSpacing });
  }

  /** Runs scaled down together when their total width exceeds maxWidth. */
  private scaledToWidth(runs: Run[], maxWidth: number): Run[] {
    const total = runs.reduce((sum, r) => sum + this.measure(r.text, r.font, r.size), 0);
    if (total <= maxWidth) return runs;
    const factor = maxWidth / total;
    return runs.map((r) => ({ ...r, size: r.size * factor }));
  }

  private centered(run: Run, baseline: number): void {
    this.centeredAt(run, this.cx, baseline);
  }

  private centeredAt(run: Run, cx: number, baseline: number): void {
    if (!run.text) return;
    const w = this.measure(run.text, run.font, run.size, run.characterSpacing);
    this.drawRun(run, cx - w / 2, baseline);
  }

  private centeredRuns(runs: Run[], baseline: number): void {
    const widths = runs.map((r) => this.measure(r.text, r.font, r.size, r.characterSpacing));
    let x = this.cx - widths.reduce((a, b) => a + b, 0) / 2;
    runs.forEach((run, i) => {
      this.drawRun(run, x, baseline);
      x += widths[i] ?? 0;
    });
  }

  private drawRun(run: Run, x: number, baseline: number): void {
    this.pdf
      .font(run.font)
      .fontSize(run.size)
      .fillColor(run.color)
      .text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: run.characterSpacing ?? 0 });
  }

  private hairline(x1: number, x2: number, y: number, color: string): void {
    this.pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(color).stroke();
  }
}

function italic(text: string, size: number, color: string): Run {
  return { text, font: FONT.serifItalic, size, color };
}

/** Small letter-spaced capitals under a line; never used for the figures or names. */
function caption(text: string): Run {
  return { text: text.toUpperCase(), font: FONT.sans, size: 6.5, color: COLOR.muted, characterSpacing: 0.6 };
}
