// Rule R9: trees = pages ÷ 8,333, shown rounded to 2 decimals, half up, never summed
// from rounded values. Integer arithmetic (BigInt) so that rounding is exact.

/** PrintReleaf's "standard tree": 8,333 letter-size pages of 20 lb paper. */
export const PAGES_PER_TREE = 8_333;

/** Trees for a page count, rounded half up to 2 decimals, as a JSON-friendly number. */
export function treesFromPages(pages: number): number {
  if (!Number.isSafeInteger(pages)) throw new RangeError(`pages must be an integer: ${pages}`);
  const negative = pages < 0;
  const p = BigInt(Math.abs(pages));
  const hundredths = (p * 200n + BigInt(PAGES_PER_TREE)) / BigInt(2 * PAGES_PER_TREE);
  const value = Number(hundredths) / 100;
  return negative ? -value : value;
}

/** Trees formatted with exactly 2 decimals ("12.00"), for documents and screens. */
export function formatTrees(trees: number, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(trees);
}
