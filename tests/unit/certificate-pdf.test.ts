// The Certificate of Reforestation PDF, checked the way a reader sees it: poppler's
// pdftotext / pdfinfo / pdffonts / pdfimages on the rendered bytes (poppler-utils is a
// test dependency, see environment.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { assetPath, findAssetsRoot } from '../../main/engine/assets';
import { renderCertificatePdf, type CertificateDocument } from '../../main/engine/certificates/pdf';
import { certificateFonts } from '../../main/engine/certificates/pdf-fonts';
import { carriedLine, fitText, formatPageCount, formatTreeCount } from '../../main/engine/certificates/pdf-text';

const sample: CertificateDocument = {
  number: 'PR-2025-10-000123',
  customerName: 'Riverside Family Medicine Associates',
  periodLabel: 'October 2025',
  pages: 1_234_567,
  carriedPages: 1_204,
  trees: 148.15,
  issueDateLabel: '4 November 2025',
  issuedAt: new Date('2025-11-04T14:03:00Z'),
  paper: 'letter',
  dealerName: 'Acme Office Systems',
  dealerLogo: null,
  partnerText: 'Trees planted with PrintReleaf in the Kijabe Forest restoration project, Kenya',
  statement: 'Acme Office Systems measures the paper its customers print and funds the planting of an equivalent number of trees.',
  fingerprint: '3f9a-71c2-0b5e',
  locale: 'en-US',
};

// A 120-character name, as long as the app accepts.
const LONG_NAME =
  'Northwestern Regional Consolidated School District No. 14 \u2014 Facilities, Transportation and Administrative Services Dept.';

let dir: string;
let fileCount = 0;

beforeAll(() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages) is needed: apt-get install -y poppler-utils');
  }
  dir = mkdtempSync(join(tmpdir(), 'certificate-pdf-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function renderToFile(doc: Partial<CertificateDocument> = {}): Promise<string> {
  const file = join(dir, `certificate-${++fileCount}.pdf`);
  writeFileSync(file, await renderCertificatePdf({ ...sample, ...doc }));
  return file;
}

const poppler = (tool: string, ...args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });

/** The page's text with runs of whitespace (line breaks included) as single spaces. */
const textOf = (file: string): string => poppler('pdftotext', '-enc', 'UTF-8', file, '-').replace(/\s+/g, ' ');

function infoOf(file: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of poppler('pdfinfo', '-isodates', file).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) info[match[1].trim()] = match[2].trim();
  }
  return info;
}

interface WordBox {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

function wordsOf(file: string): { width: number; height: number; words: WordBox[] } {
  const html = poppler('pdftotext', '-bbox', file, '-');
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  const words = [...html.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] ?? '' }),
  );
  return { width: Number(page?.[1]), height: Number(page?.[2]), words };
}

/** A real PNG (RGBA, with transparency) built by hand: signature, IHDR, IDAT, IEND. */
function makePng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push(47, 107, 59, x < width / 2 ? 255 : 96);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A 16 × 8 baseline JPEG (solid red), small enough to keep inline.
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAIABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDJooorxD7o/9k=',
  'base64',
);

/** pdfimages -list rows: [type, width, height, encoding]. */
function imagesOf(file: string): { type: string; width: number; height: number; enc: string }[] {
  return poppler('pdfimages', '-list', file)
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      return { type: cols[2] ?? '', width: Number(cols[3]), height: Number(cols[4]), enc: cols[8] ?? '' };
    });
}

describe('certificate text', () => {
  it('holds the name, period, exact figures, basis, number, dealer and fingerprint as extractable text', async () => {
    const text = textOf(await renderToFile());
    expect(text).toContain('Certificate of Reforestation');
    expect(text).toContain('Riverside Family Medicine Associates');
    expect(text).toContain('October 2025');
    expect(text).toContain('1,234,567 pages');
    expect(text).toContain('148.15 trees');
    expect(text).toContain('1 tree = 8,333 letter-size pages of 20 lb paper');
    expect(text).toContain('PR-2025-10-000123');
    expect(text).toContain('Fingerprint 3f9a-71c2-0b5e');
    expect(text).toContain('Acme Office Systems');
    expect(text).toContain('4 November 2025');
    expect(text).toContain('Kijabe Forest restoration project, Kenya');
    expect(text).toContain('funds the planting of an equivalent number of trees.');
  });

  it('prints trees with exactly two decimals, even when whole', async () => {
    const text = textOf(await renderToFile({ pages: 8_333, carriedPages: 0, trees: 1 }));
    expect(text).toContain('8,333 pages');
    expect(text).toContain('1.00 trees');
  });

  it('shows carried-forward pages on their own line only when there are any', async () => {
    const withCarry = textOf(await renderToFile({ carriedPages: 1_204 }));
    expect(withCarry).toContain('Includes 1,204 pages carried forward from earlier months');

    const withoutCarry = textOf(await renderToFile({ carriedPages: 0 }));
    expect(withoutCarry).not.toContain('Includes');
    expect(withoutCarry).not.toContain('carried forward');
    expect(withoutCarry).not.toContain('adjustment');
  });

  it('words a negative carry as an adjustment with a minus sign', async () => {
    const text = textOf(await renderToFile({ carriedPages: -312 }));
    expect(text).toContain('Includes an adjustment of \u2212312 pages to earlier months');
    expect(text).not.toContain('carried forward');
  });

  it('uses the locale for separators, and en-US for a malformed locale', async () => {
    const german = textOf(await renderToFile({ locale: 'de-DE' }));
    expect(german).toContain('1.234.567 pages');
    expect(german).toContain('148,15 trees');
    expect(german).toContain('1 tree = 8.333 letter-size pages');

    const malformed = textOf(await renderToFile({ locale: 'not a locale!' }));
    expect(malformed).toContain('1,234,567 pages');
  });

  it('sets the document metadata', async () => {
    const info = infoOf(await renderToFile());
    expect(info.Title).toBe('Certificate of Reforestation \u2014 Riverside Family Medicine Associates \u2014 October 2025');
    expect(info.Author).toBe('Acme Office Systems');
    expect(info.Producer).toBe('PrintReleaf Tray');
    expect(info.Creator).toBe('PrintReleaf Tray');
    expect(info.CreationDate).toBe('2025-11-04T14:03:00Z');
    expect(info.ModDate).toBe('2025-11-04T14:03:00Z');
  });
});

describe('determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the same bytes for the same certificate, whatever the clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    const first = await renderCertificatePdf({ ...sample, dealerLogo: { bytes: makePng(24, 12), type: 'png' } });
    vi.setSystemTime(new Date('2031-07-15T23:59:59Z'));
    const second = await renderCertificatePdf({ ...sample, dealerLogo: { bytes: makePng(24, 12), type: 'png' } });
    expect(second.equals(first)).toBe(true);
    expect(first.includes('/ID [')).toBe(true);
  });

  it('gives different bytes when the pages differ', async () => {
    const a = await renderCertificatePdf(sample);
    const b = await renderCertificatePdf({ ...sample, pages: sample.pages + 1 });
    expect(b.equals(a)).toBe(false);
  });

  it('follows the instant of issue, not the time of rendering', async () => {
    const a = await renderCertificatePdf(sample);
    const b = await renderCertificatePdf({ ...sample, issuedAt: new Date('2025-11-05T09:00:00Z') });
    expect(b.equals(a)).toBe(false);
    expect(a.toString('latin1')).toContain('(D:20251104140300Z)');
  });
});

describe('page and fonts', () => {
  it('is one landscape Letter page', async () => {
    const info = infoOf(await renderToFile({ paper: 'letter' }));
    expect(info['Page size']).toMatch(/^792 x 612 pts/);
    expect(info.Pages).toBe('1');
  });

  it('is one landscape A4 page', async () => {
    const info = infoOf(await renderToFile({ paper: 'a4' }));
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts/);
    expect(info.Pages).toBe('1');
  });

  it('embeds every font and uses none of the standard 14', async () => {
    const rows = poppler('pdffonts', await renderToFile({ carriedPages: -5 }))
      .split('\n')
      .slice(2)
      .filter((line) => line.trim());
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const names = rows.map((row) => row.trim().split(/\s+/)[0] ?? '');
    expect(names.some((n) => n.includes('EBGaramond'))).toBe(true);
    expect(names.some((n) => n.includes('Inter'))).toBe(true);
    for (const row of rows) {
      // columns after the name: type (may be two words), encoding, emb, sub, uni, object, id
      const [emb] = row.trim().split(/\s+/).slice(-5);
      expect(emb, row).toBe('yes');
      expect(row).not.toMatch(/^(?:[A-Z]{6}\+)?(?:Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
    }
  });

  it('reads its fonts once per process', () => {
    const fonts = certificateFonts();
    expect(certificateFonts().serif).toBe(fonts.serif);
    expect(fonts.sans.subarray(0, 4).toString('hex')).toBe('00010000'); // TrueType
  });
});

describe('long texts stay on the page', () => {
  for (const paper of ['letter', 'a4'] as const) {
    it(`fits a 120-character name on ${paper}, inside the border`, async () => {
      expect(LONG_NAME).toHaveLength(120);
      const file = await renderToFile({ paper, customerName: LONG_NAME, carriedPages: -312, dealerLogo: { bytes: makePng(60, 20), type: 'png' } });
      const { width, height, words } = wordsOf(file);
      expect(width).toBeGreaterThan(height);
      expect(words.length).toBeGreaterThan(30);
      for (const word of words) {
        expect(word.xMin, word.text).toBeGreaterThanOrEqual(26);
        expect(word.xMax, word.text).toBeLessThanOrEqual(width - 26);
        expect(word.yMin, word.text).toBeGreaterThanOrEqual(26);
        expect(word.yMax, word.text).toBeLessThanOrEqual(height - 26);
      }
      expect(textOf(file)).toContain('Northwestern Regional Consolidated School District');
      expect(textOf(file)).toContain('Administrative Services Dept.');
      expect(infoOf(file).Pages).toBe('1');
    });
  }

  it('fits a name without any space and overlong dealer texts', async () => {
    const file = await renderToFile({
      customerName: 'X'.repeat(120),
      dealerName: 'Consolidated Regional Managed Print and Document Solutions Cooperative of the Greater Tri-County Area Incorporated',
      partnerText: 'Partner project '.repeat(20),
      statement: 'We plant trees for the paper our customers use. '.repeat(12),
    });
    const { width, words } = wordsOf(file);
    for (const word of words) {
      expect(word.xMin, word.text).toBeGreaterThanOrEqual(26);
      expect(word.xMax, word.text).toBeLessThanOrEqual(width - 26);
    }
    expect(textOf(file).replace(/ /g, '')).toContain('X'.repeat(120));
    expect(infoOf(file).Pages).toBe('1');
  });
});

describe('dealer logo', () => {
  it('draws no image without a logo', async () => {
    expect(imagesOf(await renderToFile({ dealerLogo: null }))).toEqual([]);
  });

  it('embeds a PNG logo (with its transparency)', async () => {
    const png = makePng(24, 12);
    const images = imagesOf(await renderToFile({ dealerLogo: { bytes: new Uint8Array(png), type: 'png' } }));
    expect(images.find((i) => i.type === 'image')).toMatchObject({ width: 24, height: 12 });
    expect(images.some((i) => i.type === 'smask')).toBe(true);
  });

  it('embeds a JPEG logo as is', async () => {
    const images = imagesOf(await renderToFile({ dealerLogo: { bytes: TINY_JPEG, type: 'jpeg' } }));
    expect(images).toEqual([{ type: 'image', width: 16, height: 8, enc: 'jpeg' }]);
  });

  it('refuses unreadable logo bytes with a plain sentence', async () => {
    await expect(renderCertificatePdf({ ...sample, dealerLogo: { bytes: Buffer.from('not an image'), type: 'png' } })).rejects.toThrow(
      "The dealer's logo could not be read as a PNG image.",
    );
  });
});

describe('input checks', () => {
  it('refuses impossible figures with a plain sentence', async () => {
    await expect(renderCertificatePdf({ ...sample, pages: 0 })).rejects.toThrow('The certificate cannot be drawn: pages must be at least 1.');
    await expect(renderCertificatePdf({ ...sample, carriedPages: 1.5 })).rejects.toThrow('carried pages must be a whole number');
    await expect(renderCertificatePdf({ ...sample, issuedAt: new Date('nonsense') })).rejects.toThrow('The certificate cannot be drawn');
  });
});

describe('wording and fitting helpers', () => {
  it('formats counts and carry lines', () => {
    expect(formatPageCount(1_234_567, 'en-US')).toBe('1,234,567');
    expect(formatTreeCount(0.5, 'en-US')).toBe('0.50');
    expect(carriedLine(0, 'en-US')).toBeNull();
    expect(carriedLine(1, 'en-US')).toBe('Includes 1 page carried forward from earlier months');
    expect(carriedLine(-2_500, 'en-US')).toBe('Includes an adjustment of \u22122,500 pages to earlier months');
  });

  it('shrinks before wrapping and never exceeds the width or the line count', () => {
    const measure = (text: string, size: number): number => text.length * size * 0.5;
    expect(fitText('short words here', measure, { maxWidth: 200, maxLines: 1, maxSize: 20, minSize: 10 })).toEqual({
      size: 20,
      lines: ['short words here'],
    });
    const long = fitText('a '.repeat(100).trim(), measure, { maxWidth: 200, maxLines: 2, maxSize: 20, minSize: 10 });
    expect(long.lines).toHaveLength(2);
    for (const line of long.lines) expect(measure(line, long.size)).toBeLessThanOrEqual(200);
    expect(long.lines[1]?.endsWith('\u2026')).toBe(true);
  });
});

describe('assetPath', () => {
  it('finds the repository assets from the sources', () => {
    expect(existsSync(assetPath('fonts', 'EBGaramond-Regular.ttf'))).toBe(true);
    expect(existsSync(assetPath('fonts', 'EBGaramond-OFL.txt'))).toBe(true);
    expect(existsSync(assetPath('fonts', 'Inter-OFL.txt'))).toBe(true);
  });

  it('finds assets next to a bundle folder (dist/ or a packaged app)', () => {
    const app = join(dir, 'app');
    mkdirSync(join(app, 'dist', 'desktop'), { recursive: true });
    mkdirSync(join(app, 'assets', 'fonts'), { recursive: true });
    expect(findAssetsRoot(join(app, 'dist', 'desktop'))).toBe(join(app, 'assets'));
    expect(findAssetsRoot(join(app, 'dist'))).toBe(join(app, 'assets'));
  });

  it('says plainly when there is no assets folder', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'no-assets-'));
    try {
      expect(() => findAssetsRoot(lonely)).toThrow(/assets folder \(assets\/fonts\) was not found/);
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
  });
});
