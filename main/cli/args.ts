// Command-line parsing for the public CLI contract (cli-contract.md): command words, then
// options; global options may stand before or after the command words. Every option is
// checked against the command that was given: an unknown one is bad usage (exit 2).
import { parseArgs } from 'node:util';
import { InputError } from '../engine/errors';

type OptionKind = { type: 'string' } | { type: 'boolean' };

/** Every option any command takes (parseArgs needs them all to tell values from words). */
const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  now: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  url: { type: 'string' },
  entity: { type: 'string' },
  name: { type: 'string' },
  'ca-file': { type: 'string' },
  id: { type: 'string' },
  server: { type: 'string' },
  activation: { type: 'string' },
  scope: { type: 'string' },
  email: { type: 'string' },
  'all-unmapped': { type: 'boolean' },
  feed: { type: 'string' },
  limit: { type: 'string' },
  month: { type: 'string' },
  csv: { type: 'string' },
  out: { type: 'string' },
  resend: { type: 'boolean' },
  port: { type: 'string' },
  customers: { type: 'string' },
  'demo-if-empty': { type: 'boolean' },
} as const satisfies Record<string, OptionKind & { short?: string }>;

export type OptionName = keyof typeof OPTIONS;
export const GLOBAL_OPTIONS: readonly OptionName[] = ['data-dir', 'json', 'now', 'debug', 'help'];

export interface ParsedArgs {
  words: string[];
  options: Partial<Record<OptionName, string | boolean>>;
}

export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new InputError(usageMessage(err));
  }
  return { words: parsed.positionals, options: parsed.values as ParsedArgs['options'] };
}

function usageMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // parseArgs explains in a paragraph; keep the first sentence.
  return text.split('. ')[0]!.replace(/\s+/g, ' ');
}

/** Rejects options the command does not take. */
export function allowOnly(args: ParsedArgs, command: string, allowed: readonly OptionName[]): void {
  for (const key of Object.keys(args.options) as OptionName[]) {
    if (!GLOBAL_OPTIONS.includes(key) && !allowed.includes(key)) throw new InputError(`'${command}' does not take --${key}`);
  }
}

export function stringOption(args: ParsedArgs, name: OptionName, required: true): string;
export function stringOption(args: ParsedArgs, name: OptionName, required?: false): string | undefined;
export function stringOption(args: ParsedArgs, name: OptionName, required = false): string | undefined {
  const value = args.options[name];
  if (value === undefined) {
    if (required) throw new InputError(`Missing --${name}`);
    return undefined;
  }
  return String(value);
}

export function flag(args: ParsedArgs, name: OptionName): boolean {
  return args.options[name] === true;
}
