// Wording and text fitting for the certificate: the number formats, the figure sentences,
// and line breaking that keeps every string inside its box (shrink first, then wrap,
// then — for overlong dealer texts only — an ellipsis).

interface NumberFormats {
  integer: Intl.NumberFormat;
  twoDecimals: Intl.NumberFormat;
}

const formatsByLocale = new Map<string, NumberFormats>();

function numberFormats(locale: string): NumberFormats {
  let formats = formatsByLocale.get(locale);
  if (!formats) {
    formats = createFormats(locale);
    formatsByLocale.set(locale, formats);
  }
  return formats;
}

function createFormats(locale: string): NumberFormats {
  // Latin digits whatever the locale: the embedded fonts have no others.
  const make = (tag: string): NumberFormats => ({
    integer: new Intl.NumberFormat(tag, { numberingSystem: 'latn', maximumFractionDigits: 0 }),
    twoDecimals: new Intl.NumberFormat(tag, {
      numberingSystem: 'latn',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
  });
  try {
    return make(locale);
  } catch {
    return make('en-US'); // a malformed locale tag must not stop a certificate
  }
}

// Some locales group with a narrow no-break space, which EB Garamond lacks.
const tidy = (formatted: string): string => formatted.replace(/\u202f/g, '\u00a0');

/** A page count, exact, with the locale's separators: "1,234,567". */
export function formatPageCount(pages: number, locale: string): string {
  return tidy(numberFormats(locale).integer.format(pages));
}

/** A tree count with exactly 2 decimals: "148.15" (already rounded by the caller, R9). */
export function formatTreeCount(trees: number, locale: string): string {
  return tidy(numberFormats(locale).twoDecimals.format(trees));
}

export const pagesWord = (pages: number): string => (Math.abs(pages) === 1 ? 'page' : 'pages');

/** The basis of the tree equivalent, in the locale's number format. */
export function basisLine(pagesPerTree: number, locale: string): string {
  return `1 tree = ${formatPageCount(pagesPerTree, locale)} letter-size pages of 20 lb paper`;
}

/** The line about carried pages (R10), or null when none were carried. */
export function carriedLine(carriedPages: number, locale: string): string | null {
  if (carriedPages === 0) return null;
  const count = formatPageCount(Math.abs(carriedPages), locale);
  const word = pagesWord(carriedPages);
  return carriedPages > 0
    ? `Includes ${count} ${word} carried forward from earlier months`
    : `Includes an adjustment of \u2212${count} ${word} to earlier months`;
}

/** One line of text: NFC (so accents use precomposed glyphs), whitespace collapsed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Width of a string at a font size (the caller binds the font). */
export type Measure = (text: string, size: number) => number;

export interface FitOptions {
  maxWidth: number;
  maxLines: number;
  maxSize: number;
  minSize: number;
  /** Step between the sizes tried, in points. */
  step?: number;
  /** Split two lines near the middle instead of filling the first one. */
  balance?: boolean;
}

export interface FittedText {
  size: number;
  lines: string[];
}

/**
 * The largest size (maxSize down to minSize) at which the text fits in maxLines lines of
 * maxWidth; failing that, minSize with the last line cut short by an ellipsis.
 */
export function fitText(text: string, measure: Measure, options: FitOptions): FittedText {
  const step = options.step ?? 0.5;
  for (let size = options.maxSize; size >= options.minSize - 1e-9; size -= step) {
    const lines = wrapText(text, options.maxWidth, (t) => measure(t, size));
    if (lines.length <= options.maxLines) {
      const shaped = options.balance && lines.length === 2 ? balanceTwoLines(text, options.maxWidth, (t) => measure(t, size)) : lines;
      return { size, lines: shaped };
    }
  }
  const size = options.minSize;
  const width = (t: string): number => measure(t, size);
  const lines = wrapText(text, options.maxWidth, width).slice(0, options.maxLines);
  const last = lines.length - 1;
  lines[last] = withEllipsis(lines[last] ?? '', options.maxWidth, width);
  return { size, lines };
}

/** Greedy word wrap; a word wider than the line is broken between characters. */
export function wrapText(text: string, maxWidth: number, width: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter((w) => w.length > 0)) {
    const candidate = current ? `${current} ${word}` : word;
    if (width(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    if (width(word) <= maxWidth) {
      current = word;
      continue;
    }
    for (const char of Array.from(word)) {
      if (current && width(current + char) > maxWidth) {
        lines.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/** Two lines of similar width, split at a space; the greedy split when no space fits. */
function balanceTwoLines(text: string, maxWidth: number, width: (text: string) => number): string[] {
  const words = text.split(' ').filter((w) => w.length > 0);
  let best: string[] | null = null;
  let bestWidest = Infinity;
  for (let i = 1; i < words.length; i++) {
    const first = words.slice(0, i).join(' ');
    const second = words.slice(i).join(' ');
    const widest = Math.max(width(first), width(second));
    if (widest <= maxWidth && widest < bestWidest) {
      best = [first, second];
      bestWidest = widest;
    }
  }
  return best ?? wrapText(text, maxWidth, width);
}

function withEllipsis(line: string, maxWidth: number, width: (text: string) => number): string {
  const chars = Array.from(line);
  while (chars.length > 0 && width(`${chars.join('').trimEnd()}\u2026`) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}\u2026`;
}
