// Certificate numbers: the period and a global sequence, e.g. PR-2025-10-000123. Unique
// (the sequence never repeats) and stable (stored with the certificate, never recomputed).
export const NUMBER_PREFIX = 'PR';

export function certificateNumber(month: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer: ${sequence}`);
  return `${NUMBER_PREFIX}-${month}-${String(sequence).padStart(6, '0')}`;
}
