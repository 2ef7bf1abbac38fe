// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';

export const DEFAULT_CUSTOMERS = 1000;

export interface BenchArgs {
  /** Customers of the nightly scenario; the backfill scales with it (1,000 → 1,000 devices). */
  customers: number;
  /** One JSON document on stdout instead of the human summary. */
  json: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run bench [-- --json] [-- --customers N]

  --customers N   customers of the simulated dealer (default ${DEFAULT_CUSTOMERS}); the backfill
                  scales with it (N/25 customers of 25 devices)
  --json          print the figures as one JSON document on stdout
`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { customers: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const raw = parsed.values.customers;
  let customers = DEFAULT_CUSTOMERS;
  if (raw !== undefined) {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000) throw new UsageError(`--customers must be a whole number from 1 to 100000 (got "${raw}")`);
    customers = Number(raw);
  }
  return { customers, json: parsed.values.json === true, help: parsed.values.help === true };
}
